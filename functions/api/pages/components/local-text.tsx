/** Entry text in the visitor's language; Swedish text shown on an English page is marked lang="sv". */
import { localize, type Language, type LocalizedText } from '#shared/domain/text.ts';
import { fallbackLang } from '../format.ts';

export const LocalText = (props: { text: LocalizedText; lang: Language }) => {
  const value = localize(props.text, props.lang);
  const lang = fallbackLang(props.text, props.lang);
  return lang ? <span lang={lang}>{value}</span> : <>{value}</>;
};
