import * as z from 'zod';

/** Transposition tokens a chart file name may carry (`AllOfMe_Bb.pdf`). */
export const TranspositionToken = z.enum(['Bb', 'Eb', 'Concert', 'BassClef', 'Chords', 'Lyrics']);
export type TranspositionToken = z.infer<typeof TranspositionToken>;

export const Instrument = z.enum([
  'trumpet',
  'tenor_sax',
  'soprano_sax',
  'clarinet',
  'alto_sax',
  'baritone_sax',
  'violin',
  'flute',
  'trombone',
  'tuba',
  'piano',
  'keys',
  'guitar',
  'bass',
  'drums',
  'percussion',
  'voice',
]);
export type Instrument = z.infer<typeof Instrument>;

/** Which chart token each instrument reads (DOMAIN.md, "Instruments and what each player sees"). */
export const INSTRUMENT_TOKEN: Readonly<Record<Instrument, TranspositionToken>> = {
  trumpet: 'Bb',
  tenor_sax: 'Bb',
  soprano_sax: 'Bb',
  clarinet: 'Bb',
  alto_sax: 'Eb',
  baritone_sax: 'Eb',
  violin: 'Concert',
  flute: 'Concert',
  trombone: 'BassClef',
  tuba: 'BassClef',
  piano: 'Chords',
  keys: 'Chords',
  guitar: 'Chords',
  bass: 'Chords',
  drums: 'Chords',
  percussion: 'Chords',
  voice: 'Lyrics',
};

export const Role = z.enum(['leader', 'member']);
export type Role = z.infer<typeof Role>;

export const AudioKind = z.enum(['performance', 'Ref', 'Backing', 'Cues', 'SPL']);
export type AudioKind = z.infer<typeof AudioKind>;

export const LibraryFileKind = z.enum(['chart', 'audio', 'gig', 'placeholder', 'other']);
export type LibraryFileKind = z.infer<typeof LibraryFileKind>;
