// A certificate's code is only known at run time: served through the SPA fallback.
export const prerender = false;
