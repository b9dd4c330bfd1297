export const SUGGEST_IMAGES: Record<'wget' | 'nc' | 'noshell' | 'bare', { image: string; applets: string[]; busyboxOnPath: boolean; changes: string[] }>;
export function ensureSuggestImages(): void;
