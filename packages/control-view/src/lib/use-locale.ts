import { useTranslation } from 'react-i18next';
import type { ViewLocale } from './format.js';

/** The view's locale as i18next holds it, narrowed to the two the view ships. */
export function useLocale(): ViewLocale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
