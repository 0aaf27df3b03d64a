import type { Locale } from '../../preload/contract';

type Texts = Partial<Record<Locale, string>>;
interface TileTexts {
  label?: Texts;
  description?: Texts;
}

/**
 * The default tiles' names and descriptions in the kiosk languages added in
 * issue 13 (Ukrainian, Russian, Arabic, Somali, selkosuomi), kept apart from
 * the policy so that list stays readable. Brand names (Suomi.fi, Kela,
 * OmaKanta) stay as they are; their services' own English or Finnish names
 * are used where a site has no name in that language.
 */
const TEXTS: Record<string, TileTexts> = {
  'suomi-fi': {
    label: { uk: 'Suomi.fi', ru: 'Suomi.fi', ar: 'Suomi.fi', so: 'Suomi.fi', 'fi-x-selko': 'Suomi.fi' },
    description: {
      uk: 'Державні послуги та повідомлення',
      ru: 'Государственные услуги и сообщения',
      ar: 'الخدمات العامة والرسائل',
      so: 'Adeegyada dowladda iyo fariimaha',
      'fi-x-selko': 'Viranomaisten palvelut ja viestit',
    },
  },
  kela: {
    label: { uk: 'Kela', ru: 'Kela', ar: 'Kela', so: 'Kela', 'fi-x-selko': 'Kela' },
    description: {
      uk: 'Допомоги та виплати',
      ru: 'Пособия и выплаты',
      ar: 'الإعانات والدعم',
      so: 'Gargaarka iyo taageerada',
      'fi-x-selko': 'Tuet ja rahat',
    },
  },
  omakanta: {
    label: { uk: 'MyKanta', ru: 'MyKanta', ar: 'MyKanta', so: 'MyKanta', 'fi-x-selko': 'OmaKanta' },
    description: {
      uk: 'Рецепти та медичні дані',
      ru: 'Рецепты и медицинские данные',
      ar: 'الوصفات الطبية والسجلات الصحية',
      so: 'Daawo qoris iyo xogta caafimaadka',
      'fi-x-selko': 'Reseptit ja terveystiedot',
    },
  },
  mielenterveystalo: {
    label: { uk: 'Mielenterveystalo', ru: 'Mielenterveystalo', ar: 'Mielenterveystalo', so: 'Mielenterveystalo', 'fi-x-selko': 'Mielenterveystalo' },
    description: {
      uk: 'Психічне здоров\'я: інформація та анонімна допомога',
      ru: 'Психическое здоровье: информация и анонимная помощь',
      ar: 'الصحة النفسية: معلومات ومساعدة دون ذكر الاسم',
      so: 'Caafimaadka maskaxda: macluumaad iyo caawimaad',
      'fi-x-selko': 'Tietoa ja apua. Et tarvitse nimeä.',
    },
  },
  tyomarkkinatori: {
    label: { uk: 'Job Market Finland', ru: 'Job Market Finland', ar: 'Job Market Finland', so: 'Job Market Finland', 'fi-x-selko': 'Työmarkkinatori' },
    description: {
      uk: 'Пошук роботи та служби зайнятості',
      ru: 'Поиск работы и службы занятости',
      ar: 'البحث عن عمل وخدمات التوظيف',
      so: 'Raadinta shaqo iyo adeegyada shaqaalaynta',
      'fi-x-selko': 'Etsi työtä',
    },
  },
};

/** The tiles with the new languages' texts added (a language the tile already names is kept). */
export function withTileTranslations<T extends { id: string; label: Texts; description?: Texts }>(tiles: T[]): T[] {
  return tiles.map((tile) => {
    const texts = TEXTS[tile.id];
    if (!texts) return tile;
    return {
      ...tile,
      label: { ...texts.label, ...tile.label },
      ...(tile.description ? { description: { ...texts.description, ...tile.description } } : {}),
    };
  });
}
