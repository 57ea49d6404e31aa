import { readFileSync } from 'node:fs';

/** The face both renderers set the record in: Noto Sans SC holds Latin and Chinese in one font. */
export const REPORT_FONT = 'Noto Sans SC';

/** Noto Sans SC's TrueType files, from the package that ships them; read once. */
let fonts: { regular: Buffer; bold: Buffer } | null = null;
export function notoSansSc(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}
