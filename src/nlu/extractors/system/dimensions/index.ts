// The dimension table: Duckling's dimension name → the extractor that finds it.
import type { Dimension, DimensionExtractor } from '../system-entity.js';
import { extractTimes } from '../time/time-dimension.js';
import { extractAmountsOfMoney } from './amount-of-money.js';
import { extractDurations } from './duration.js';
import { extractEmails } from './email.js';
import { extractNumbers } from './number.js';
import { extractOrdinals } from './ordinal.js';
import { extractPhoneNumbers } from './phone-number.js';
import { extractUrls } from './url.js';

export const dimensionExtractors = {
  number: extractNumbers,
  ordinal: extractOrdinals,
  'phone-number': extractPhoneNumbers,
  email: extractEmails,
  url: extractUrls,
  time: extractTimes,
  'amount-of-money': extractAmountsOfMoney,
  duration: extractDurations,
} as const satisfies Record<Dimension, DimensionExtractor>;
