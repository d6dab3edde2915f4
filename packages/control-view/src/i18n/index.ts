import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ViewLocale } from '../lib/format.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

const STORAGE_KEY = 'lingtan.locale';

/** The saved choice, else zh-CN (the park's staff; English is the switch, not the default). */
export function initialLocale(): ViewLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Starts i18next with both languages bundled (two small objects: no loading flash). */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: initialLocale(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
}

/** Switches the language, remembers it, and sets `<html lang>` so the CJK font is chosen right. */
export async function setLocale(locale: ViewLocale): Promise<void> {
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
