import {
  INSTRUMENT_TOKEN,
  Instrument,
  TranspositionToken,
} from '../../../shared/contracts/bandVocabulary.ts';

/**
 * The chart tokens a member reads, given the instruments of their profile (DOMAIN.md, "Instruments and what each
 * player sees"): each once, in the vocabulary's order. A trumpet and alto sax doubler reads Bb and Eb.
 */
export const tokensForInstruments = (instruments: readonly Instrument[]): TranspositionToken[] => {
  const read = new Set(instruments.map((instrument) => INSTRUMENT_TOKEN[instrument]));
  return TranspositionToken.options.filter((token) => read.has(token));
};

/** The instruments whose players read charts of `token`, in the vocabulary's order. */
export const instrumentsReading = (token: TranspositionToken): Instrument[] =>
  Instrument.options.filter((instrument) => INSTRUMENT_TOKEN[instrument] === token);
