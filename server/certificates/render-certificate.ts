import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

import { certificateText, formatCertificateDate } from './certificate-text.ts';

const require = createRequire(import.meta.url);
const FONT_DIRECTORY = path.join(path.dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
/** Noto Sans comes split by script; text is drawn in runs, each with the subset that has its glyphs. */
const FONT_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
const PAGE_WIDTH_PT = 842;
const PAGE_HEIGHT_PT = 595;
const QR_SIZE_PT = 96;
const ACCENT = rgb(0.043, 0.325, 0.58);

export interface CertificateData {
  code: string;
  learnerName: string;
  courseTitle: string;
  issuedAt: Date;
  locale: string;
  verifyUrl: string;
}

interface FontSet {
  fonts: Array<{ font: PDFFont; covers: (codePoint: number) => boolean }>;
}

let fontBytes: Map<string, Buffer> | undefined;
function readFont(subset: string, weight: 400 | 700): Buffer {
  fontBytes ??= new Map();
  const name = `noto-sans-${subset}-${weight}-normal.woff`;
  let bytes = fontBytes.get(name);
  if (bytes === undefined) {
    bytes = fs.readFileSync(path.join(FONT_DIRECTORY, name));
    fontBytes.set(name, bytes);
  }
  return bytes;
}

async function embedFontSet(document: PDFDocument, weight: 400 | 700): Promise<FontSet> {
  const fonts = [];
  for (const subset of FONT_SUBSETS) {
    const bytes = readFont(subset, weight);
    const parsed = fontkit.create(bytes);
    const font = await document.embedFont(bytes, { subset: true });
    fonts.push({ font, covers: (codePoint: number) => parsed.hasGlyphForCodePoint(codePoint) });
  }
  return { fonts };
}

/** Splits text into runs that one font subset can draw, so Latin, Latin Extended and Cyrillic mix freely. */
function runsOf(text: string, set: FontSet): Array<{ text: string; font: PDFFont }> {
  const runs: Array<{ text: string; font: PDFFont }> = [];
  const fallback = set.fonts[0]?.font;
  if (fallback === undefined) throw new Error('no font embedded');
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 32;
    const font = character === ' ' ? (runs.at(-1)?.font ?? fallback) : (set.fonts.find((candidate) => candidate.covers(codePoint))?.font ?? fallback);
    const last = runs.at(-1);
    if (last !== undefined && last.font === font) last.text += character;
    else runs.push({ text: character, font });
  }
  return runs;
}

interface LineStyle {
  y: number;
  size: number;
  set: FontSet;
  colour?: ReturnType<typeof rgb>;
}

function lineWidth(text: string, style: LineStyle): number {
  return runsOf(text, style.set).reduce((total, run) => total + run.font.widthOfTextAtSize(run.text, style.size), 0);
}

function drawLine(page: PDFPage, text: string, x: number, style: LineStyle): void {
  let left = x;
  for (const run of runsOf(text, style.set)) {
    page.drawText(run.text, { x: left, y: style.y, size: style.size, font: run.font, color: style.colour ?? rgb(0.1, 0.12, 0.14) });
    left += run.font.widthOfTextAtSize(run.text, style.size);
  }
}

function drawCentred(page: PDFPage, text: string, style: LineStyle): void {
  drawLine(page, text, (PAGE_WIDTH_PT - lineWidth(text, style)) / 2, style);
}

/** A one-page A4 landscape certificate in the learner's language, with a QR code to its verification page. */
export async function renderCertificate(data: CertificateData): Promise<Uint8Array> {
  const text = certificateText(data.locale);
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  document.setTitle(`${text.title}: ${data.courseTitle}`);
  document.setLanguage(data.locale);
  const regular = await embedFontSet(document, 400);
  const bold = await embedFontSet(document, 700);
  const page = document.addPage([PAGE_WIDTH_PT, PAGE_HEIGHT_PT]);
  page.drawRectangle({ x: 24, y: 24, width: PAGE_WIDTH_PT - 48, height: PAGE_HEIGHT_PT - 48, borderColor: ACCENT, borderWidth: 3 });
  drawCentred(page, 'NALAS e-Academy', { y: 500, size: 16, set: bold, colour: ACCENT });
  drawCentred(page, text.title, { y: 440, size: 34, set: bold });
  drawCentred(page, text.certifies, { y: 385, size: 16, set: regular });
  drawCentred(page, data.learnerName, { y: 340, size: 30, set: bold, colour: ACCENT });
  drawCentred(page, text.completed, { y: 295, size: 16, set: regular });
  drawCentred(page, data.courseTitle, { y: 255, size: 22, set: bold });
  drawCentred(page, `${text.issued} ${formatCertificateDate(data.issuedAt, data.locale)}`, { y: 205, size: 14, set: regular });
  const qr = await document.embedPng(await QRCode.toBuffer(data.verifyUrl, { margin: 1, width: 300 }));
  page.drawImage(qr, { x: 60, y: 50, width: QR_SIZE_PT, height: QR_SIZE_PT });
  for (const [index, line] of [text.verify, data.verifyUrl, data.code].entries()) {
    drawLine(page, line, 60 + QR_SIZE_PT + 16, { y: 120 - index * 18, size: 11, set: regular });
  }
  return document.save();
}
