// Every page is prerendered into the static build; unknown paths fall back to 200.html (SPA).
export const prerender = true;
export const trailingSlash = 'never';
