import { BOARD_LOCALES, type BoardLocale } from '../../preload/board-contract';
import { pageTexts, type KeysOf, type TextValues } from '../i18n/page-texts';
import en from '../../resources/locales/board/en.json';
import fi from '../../resources/locales/board/fi.json';
import se from '../../resources/locales/board/se.json';
import sv from '../../resources/locales/board/sv.json';
import uk from '../../resources/locales/board/uk.json';
import ru from '../../resources/locales/board/ru.json';
import ar from '../../resources/locales/board/ar.json';
import so from '../../resources/locales/board/so.json';
import selko from '../../resources/locales/board/fi-x-selko.json';
import { isolatePlaceholders } from '../i18n/pseudo';

export const boardCatalogues: Record<BoardLocale, object> = { fi, sv, en, se, uk, ru, ar: isolatePlaceholders(ar), so, 'fi-x-selko': selko };

/** Every text of the board: the keys of the English board catalogue (plural forms under their base key). */
export type BoardKey = KeysOf<typeof en>;
export type Tr = (key: BoardKey, values?: TextValues) => string;

/**
 * The board's own i18next instance, holding only the board catalogues. The
 * language is the site's (the feed names it) and rotates through the
 * policy's others; nothing is remembered on the lobby screen's browser.
 */
const texts = pageTexts<BoardLocale, BoardKey>({ locales: BOARD_LOCALES, catalogues: boardCatalogues, storageKey: 'tupa.board.language' });

export const createBoardI18n = texts.create;
export const useText = texts.useText;
