import { describe, expect, it } from 'vitest';
import { readFileName, readLibraryPath } from '../../../../../functions/content/domain/readFileName.ts';
import {
  FileNameReading,
  MAX_FILE_NAME_LENGTH,
  type NameProblemCode,
} from '../../../../../shared/contracts/fileNameReading.ts';

/** The fields a row checks, and the problem codes it expects (none unless listed: the name conforms). */
type Expected = Partial<Omit<FileNameReading, 'problems'>> & { problems?: NameProblemCode[] };
type Row = readonly [name: string, expected: Expected];

const chart = (
  title: string,
  songKey: string,
  token: FileNameReading['token'],
  more: Expected = {},
): Expected => ({
  kind: 'chart',
  title,
  songKey,
  token,
  audioKind: null,
  placeholder: null,
  gigDate: null,
  extension: 'pdf',
  ...more,
});
const audio = (
  title: string,
  songKey: string,
  audioKind: FileNameReading['audioKind'],
  more: Expected = {},
) =>
  ({
    kind: 'audio',
    title,
    songKey,
    token: null,
    audioKind,
    placeholder: null,
    gigDate: null,
    ...more,
  }) as Expected;
const gig = (gigDate: string, gigName: string | null, more: Expected = {}): Expected => ({
  kind: 'gig',
  gigDate,
  gigName,
  title: null,
  songKey: null,
  token: null,
  ...more,
});
const placeholder = (title: string, token: FileNameReading['token'], more: Expected = {}): Expected => ({
  kind: 'placeholder',
  title,
  token,
  placeholder: token ? 'token' : 'song',
  audioKind: null,
  ...more,
});
const other = (problems: NameProblemCode[], more: Expected = {}): Expected => ({
  kind: 'other',
  title: null,
  songTitle: null,
  songKey: null,
  token: null,
  audioKind: null,
  placeholder: null,
  gigDate: null,
  gigName: null,
  problems,
  ...more,
});

const PATTERNS: Row[] = [
  ['AllOfMe_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { songTitle: 'AllOfMe' })],
  ['BlueMoon_Concert.pdf', chart('Blue Moon', 'bluemoon', 'Concert')],
  ['FlyMeToTheMoon_Chords.pdf', chart('Fly Me To The Moon', 'flymetothemoon', 'Chords')],
  ['Misty_Lyrics.pdf', chart('Misty', 'misty', 'Lyrics')],
  ['AllOfMe_Eb.pdf', chart('All Of Me', 'allofme', 'Eb')],
  ['AllOfMe_BassClef.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe.mp3', audio('All Of Me', 'allofme', 'performance', { extension: 'mp3' })],
  ['BlueMoon_Ref.mp3', audio('Blue Moon', 'bluemoon', 'Ref')],
  ['Misty_Backing.wav', audio('Misty', 'misty', 'Backing', { extension: 'wav' })],
  ['2026-12-31_NewYearsEve.pdf', gig('2026-12-31', 'New Years Eve', { extension: 'pdf' })],
  ['Summertime_X.pdf', placeholder('Summertime', null, { songKey: 'summertime', extension: 'pdf' })],
  ['Summertime_Bb_X.pdf', placeholder('Summertime', 'Bb', { songKey: 'summertime' })],
];

const TOKEN_CASES: Row[] = [
  ['AllOfMe_bb.pdf', chart('All Of Me', 'allofme', 'Bb')],
  ['AllOfMe_BB.pdf', chart('All Of Me', 'allofme', 'Bb')],
  ['AllOfMe_bB.pdf', chart('All Of Me', 'allofme', 'Bb')],
  ['AllOfMe_eb.pdf', chart('All Of Me', 'allofme', 'Eb')],
  ['AllOfMe_EB.pdf', chart('All Of Me', 'allofme', 'Eb')],
  ['AllOfMe_concert.pdf', chart('All Of Me', 'allofme', 'Concert')],
  ['AllOfMe_CONCERT.pdf', chart('All Of Me', 'allofme', 'Concert')],
  ['AllOfMe_cOnCeRt.pdf', chart('All Of Me', 'allofme', 'Concert')],
  ['AllOfMe_bassclef.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe_BASSCLEF.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe_Bassclef.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe_chords.pdf', chart('All Of Me', 'allofme', 'Chords')],
  ['AllOfMe_CHORDS.pdf', chart('All Of Me', 'allofme', 'Chords')],
  ['AllOfMe_lyrics.pdf', chart('All Of Me', 'allofme', 'Lyrics')],
  ['AllOfMe_LYRICS.pdf', chart('All Of Me', 'allofme', 'Lyrics')],
];

const ALIASES: Row[] = [
  ['AllOfMe_Bass.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe_bass.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe_BASS.pdf', chart('All Of Me', 'allofme', 'BassClef')],
  ['AllOfMe_Chord.pdf', chart('All Of Me', 'allofme', 'Chords')],
  ['AllOfMe_chord.pdf', chart('All Of Me', 'allofme', 'Chords')],
  ['AllOfMe_CHORD.pdf', chart('All Of Me', 'allofme', 'Chords')],
];

const AUDIO_KINDS: Row[] = [
  ['Misty_Ref.mp3', audio('Misty', 'misty', 'Ref')],
  ['Misty_ref.mp3', audio('Misty', 'misty', 'Ref')],
  ['Misty_REF.mp3', audio('Misty', 'misty', 'Ref')],
  ['Misty_backing.mp3', audio('Misty', 'misty', 'Backing')],
  ['Misty_BACKING.mp3', audio('Misty', 'misty', 'Backing')],
  ['Misty_Cues.mp3', audio('Misty', 'misty', 'Cues')],
  ['Misty_cues.mp3', audio('Misty', 'misty', 'Cues')],
  ['Misty_CUES.mp3', audio('Misty', 'misty', 'Cues')],
  ['Misty_SPL.mp3', audio('Misty', 'misty', 'SPL')],
  ['Misty_spl.mp3', audio('Misty', 'misty', 'SPL')],
  ['Misty_Spl.mp3', audio('Misty', 'misty', 'SPL')],
];

const AUDIO_EXTENSIONS: Row[] = [
  ['Misty.mp3', audio('Misty', 'misty', 'performance', { extension: 'mp3' })],
  ['Misty.wav', audio('Misty', 'misty', 'performance', { extension: 'wav' })],
  ['Misty.m4a', audio('Misty', 'misty', 'performance', { extension: 'm4a' })],
  ['Misty.aac', audio('Misty', 'misty', 'performance', { extension: 'aac' })],
  ['Misty.flac', audio('Misty', 'misty', 'performance', { extension: 'flac' })],
  ['Misty.ogg', audio('Misty', 'misty', 'performance', { extension: 'ogg' })],
  ['Misty.wma', audio('Misty', 'misty', 'performance', { extension: 'wma' })],
  ['Misty.MP3', audio('Misty', 'misty', 'performance', { extension: 'mp3' })],
  ['Misty_Ref.WAV', audio('Misty', 'misty', 'Ref', { extension: 'wav' })],
  ['Misty.Flac', audio('Misty', 'misty', 'performance', { extension: 'flac' })],
  ['Misty_Backing.M4A', audio('Misty', 'misty', 'Backing', { extension: 'm4a' })],
];

const GIGS: Row[] = [
  ['2026-06-20_SummerFestival.docx', gig('2026-06-20', 'Summer Festival', { extension: 'docx' })],
  ['2027-01-15_Setlist.xlsx', gig('2027-01-15', 'Setlist', { extension: 'xlsx' })],
  ['2026-12-31_New_Years_Eve.pdf', gig('2026-12-31', 'New Years Eve')],
  ['2026-12-31_NewYearsEve.PDF', gig('2026-12-31', 'New Years Eve', { extension: 'pdf' })],
  ['2028-02-29_LeapGig.pdf', gig('2028-02-29', 'Leap Gig')],
  ['2000-02-29_Y2K.pdf', gig('2000-02-29', 'Y 2 K')],
  ['2026-12-31_Gig_Bb.pdf', gig('2026-12-31', 'Gig Bb')],
  ['2026-12-31_X.pdf', gig('2026-12-31', 'X')],
  ['2026-12-31_Réveillon.pdf', gig('2026-12-31', 'Réveillon')],
  ['2026-12-31_NewYearsEve.mp3', gig('2026-12-31', 'New Years Eve', { extension: 'mp3' })],
  ['2026-12-31.pdf', gig('2026-12-31', null, { problems: ['missing_gig_name'] })],
  ['2026-12-31_.pdf', gig('2026-12-31', null, { problems: ['missing_gig_name'] })],
  ['2026-12-31 NewYearsEve.pdf', gig('2026-12-31', 'New Years Eve', { problems: ['gig_separator'] })],
  ['2026-12-31-NewYearsEve.pdf', gig('2026-12-31', 'New Years Eve', { problems: ['gig_separator'] })],
  [
    '2026-12-31_NewYearsEve',
    gig('2026-12-31', 'New Years Eve', { extension: '', problems: ['no_extension'] }),
  ],
  ['2027-02-29_NotLeap.pdf', other(['invalid_gig_date'], { extension: 'pdf' })],
  ['1900-02-29_Old.pdf', other(['invalid_gig_date'])],
  ['2026-13-01_Gig.pdf', other(['invalid_gig_date'])],
  ['2026-00-10_Gig.pdf', other(['invalid_gig_date'])],
  ['2026-04-31_Gig.pdf', other(['invalid_gig_date'])],
  ['2026-04-00_Gig.pdf', other(['invalid_gig_date'])],
  // Not a date prefix: read as song names like any other.
  ['2026-12-31Gig.pdf', chart('2026-12-31 Gig', '20261231gig', null, { problems: ['missing_token'] })],
  [
    '2026-1-5_Gig.pdf',
    chart('2026-1-5 Gig', '202615gig', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    '20261231_Gig.pdf',
    chart('20261231 Gig', '20261231gig', null, { problems: ['title_style', 'unknown_token'] }),
  ],
];

const PLACEHOLDERS: Row[] = [
  ['Summertime_x.pdf', placeholder('Summertime', null)],
  ['Summertime_bb_X.pdf', placeholder('Summertime', 'Bb')],
  ['Summertime_Eb_x.pdf', placeholder('Summertime', 'Eb')],
  ['Summertime_Bass_X.pdf', placeholder('Summertime', 'BassClef')],
  ['Summertime_Chord_x.pdf', placeholder('Summertime', 'Chords')],
  ['Summertime_Lyrics_X.pdf', placeholder('Summertime', 'Lyrics')],
  ['Summertime_X.mp3', placeholder('Summertime', null, { extension: 'mp3' })],
  ['Summertime_Bb_X.docx', placeholder('Summertime', 'Bb', { extension: 'docx' })],
  ['Summertime_X', placeholder('Summertime', null, { extension: '', problems: ['no_extension'] })],
  [
    'Summer_Time_X.pdf',
    placeholder('Summer Time', null, { songKey: 'summertime', problems: ['title_style'] }),
  ],
  ['Summertime_ X.pdf', placeholder('Summertime', null, { problems: ['spaced_token'] })],
  ['Summertime_ Bb _X.pdf', placeholder('Summertime', 'Bb', { problems: ['spaced_token'] })],
  [
    'Summertime_Ref_X.pdf',
    placeholder('Summertime Ref', null, {
      songKey: 'summertimeref',
      problems: ['title_style', 'token_in_title'],
    }),
  ],
  // The rule wins over a title that ends in X: a leader renames "Malcolm X" songs `MalcolmX`.
  ['Malcolm_X.pdf', placeholder('Malcolm', null)],
  ['MalcolmX_Bb.pdf', chart('Malcolm X', 'malcolmx', 'Bb')],
  ['Bb_X.pdf', placeholder('Bb', null, { songKey: 'bb' })],
  ['X.pdf', chart('X', 'x', null, { problems: ['missing_token'] })],
  ['_X.pdf', other(['missing_title'], { extension: 'pdf' })],
  ['_Bb_X.pdf', other(['missing_title'])],
];

const UNDERSCORES: Row[] = [
  [
    'All_Of_Me_Bb.pdf',
    chart('All Of Me', 'allofme', 'Bb', { songTitle: 'All_Of_Me', problems: ['title_style'] }),
  ],
  ['All_Of_Me.mp3', audio('All Of Me', 'allofme', 'performance', { problems: ['title_style'] })],
  ['All_Of_Me_Ref.mp3', audio('All Of Me', 'allofme', 'Ref', { problems: ['title_style'] })],
  [
    'AllOfMe_Bb_Eb.pdf',
    chart('All Of Me Bb', 'allofmebb', 'Eb', { problems: ['title_style', 'token_in_title'] }),
  ],
  [
    'AllOfMe_Ref_Backing.mp3',
    audio('All Of Me Ref', 'allofmeref', 'Backing', { problems: ['title_style', 'token_in_title'] }),
  ],
  ['Song__Bb.pdf', chart('Song', 'song', 'Bb', { songTitle: 'Song_', problems: ['title_style'] })],
  [
    'AllOfMe_Bb_.pdf',
    chart('All Of Me Bb', 'allofmebb', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'TakeThe_ATrain.pdf',
    chart('Take The A Train', 'taketheatrain', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  ['TakeThe_ATrain_Bb.pdf', chart('Take The A Train', 'taketheatrain', 'Bb', { problems: ['title_style'] })],
  [
    'TakeThe_ATrain.mp3',
    audio('Take The A Train', 'taketheatrain', 'performance', { problems: ['title_style'] }),
  ],
];

const DISPLAY_TITLES: Row[] = [
  ['DontYouWorryBoutAThing_Bb.pdf', chart('Dont You Worry Bout A Thing', 'dontyouworryboutathing', 'Bb')],
  ['Take5_Bb.pdf', chart('Take 5', 'take5', 'Bb')],
  ['ABCBlues_Bb.pdf', chart('ABC Blues', 'abcblues', 'Bb')],
  ['Opus1No2_Concert.pdf', chart('Opus 1 No 2', 'opus1no2', 'Concert')],
  ['4Brothers_Eb.pdf', chart('4 Brothers', '4brothers', 'Eb')],
  ['52ndStreetTheme_Bb.pdf', chart('52nd Street Theme', '52ndstreettheme', 'Bb')],
  ['YMCA_Chords.pdf', chart('YMCA', 'ymca', 'Chords')],
  ['ISawHerStandingThere_Lyrics.pdf', chart('I Saw Her Standing There', 'isawherstandingthere', 'Lyrics')],
  ['AThousandYears_Bb.pdf', chart('A Thousand Years', 'athousandyears', 'Bb')],
  ['My.Song_Bb.pdf', chart('My.Song', 'mysong', 'Bb', { songTitle: 'My.Song' })],
  ['Mr.Jones_Bb.pdf', chart('Mr.Jones', 'mrjones', 'Bb')],
  ['Rock-A-Bye_Chords.pdf', chart('Rock-A-Bye', 'rockabye', 'Chords')],
  ["Don'tStopMeNow_Bb.pdf", chart("Don't Stop Me Now", 'dontstopmenow', 'Bb')],
  ['BbBlues_Bb.pdf', chart('Bb Blues', 'bbblues', 'Bb')],
  ['Bassline_Chords.pdf', chart('Bassline', 'bassline', 'Chords')],
  ['allofme_Bb.pdf', chart('allofme', 'allofme', 'Bb', { problems: ['title_style'] })],
  ['ALLOFME_BB.PDF', chart('ALLOFME', 'allofme', 'Bb')],
  ['all of me_Bb.pdf', chart('all of me', 'allofme', 'Bb', { problems: ['title_style'] })],
  ['All Of Me_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['title_style'] })],
  ['All  Of   Me_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['title_style'] })],
  ['ALL-OF-ME_Bb.pdf', chart('ALL-OF-ME', 'allofme', 'Bb')],
  ['all.of.me_Bb.pdf', chart('all.of.me', 'allofme', 'Bb', { problems: ['title_style'] })],
  ['AllOfMe _Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { songTitle: 'AllOfMe' })],
];

const PITFALLS: Row[] = [
  ['Spain.mp3', audio('Spain', 'spain', 'performance')],
  ['90sPop.mp3', audio('90s Pop', '90spop', 'performance')],
  ['Refugee.mp3', audio('Refugee', 'refugee', 'performance')],
  ['Cues.mp3', audio('Cues', 'cues', 'performance')],
  ['SPLASH.mp3', audio('SPLASH', 'splash', 'performance')],
  ['Backing.wav', audio('Backing', 'backing', 'performance')],
  ['Bb.pdf', chart('Bb', 'bb', null, { problems: ['missing_token'] })],
  ['AllOfMe.pdf', chart('All Of Me', 'allofme', null, { problems: ['missing_token'] })],
  [
    'AllOfMe_Bbq.pdf',
    chart('All Of Me Bbq', 'allofmebbq', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'AllOfMe_Bb (1).pdf',
    chart('All Of Me Bb (1)', 'allofmebb1', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'AllOfMe_Bb2.pdf',
    chart('All Of Me Bb 2', 'allofmebb2', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'AllOfMe_Trumpet.pdf',
    chart('All Of Me Trumpet', 'allofmetrumpet', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'AllOfMe_Piano.pdf',
    chart('All Of Me Piano', 'allofmepiano', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'AllOfMe_Вb.pdf',
    chart('All Of Me Вb', 'allofmeвb', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  ['AllOfMe_Ref.pdf', chart('All Of Me', 'allofme', null, { problems: ['audio_kind_on_chart'] })],
  ['AllOfMe_Bb.mp3', audio('All Of Me', 'allofme', 'performance', { problems: ['token_on_audio'] })],
  ['AllOfMe_Bass.wav', audio('All Of Me', 'allofme', 'performance', { problems: ['token_on_audio'] })],
  ['AllOfMe_Bb.docx', other(['unknown_extension'], { extension: 'docx' })],
  ['AllOfMe.docx', other(['unknown_extension'])],
  ['AllOfMe_Bb.jpg', other(['unknown_extension'], { extension: 'jpg' })],
  ['AllOfMe_Bb.png', other(['unknown_extension'])],
  ['AllOfMe_Bb.musicxml', other(['unknown_extension'], { extension: 'musicxml' })],
  ['AllOfMe_Bb.mscz', other(['unknown_extension'])],
  ['AllOfMe.mid', other(['unknown_extension'])],
  ['Notes.txt', other(['unknown_extension'], { extension: 'txt' })],
  ['desktop.ini', other(['unknown_extension'])],
  ['Thumbs.db', other(['unknown_extension'])],
  ['.DS_Store', other(['no_extension'], { extension: '' })],
  ['.pdf', other(['no_extension'], { extension: '' })],
];

const EXTENSIONS: Row[] = [
  ['AllOfMe_Bb', other(['no_extension'], { extension: '' })],
  ['AllOfMe_Bb.', other(['no_extension'], { extension: '' })],
  ['AllOfMe_Bb.PDF', chart('All Of Me', 'allofme', 'Bb', { extension: 'pdf' })],
  ['AllOfMe_Bb.Pdf', chart('All Of Me', 'allofme', 'Bb')],
  ['AllOfMe_Bb.pdf.bak', other(['unknown_extension'], { extension: 'bak' })],
  ['AllOfMe_Bb.tar.gz', other(['unknown_extension'], { extension: 'gz' })],
  [
    'AllOfMe_Bb.pdf.pdf',
    chart('All Of Me Bb.pdf', 'allofmebbpdf', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  [
    'AllOfMe_Bb..pdf',
    chart('All Of Me Bb.', 'allofmebb', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  ['AllOfMe_Bb.p df', other(['no_extension'], { extension: '' })],
  ['AllOfMe_Bb.averyveryverylongextension', other(['no_extension'], { extension: '' })],
  [
    'AllOfMe_Bb.mp3.pdf',
    chart('All Of Me Bb.mp 3', 'allofmebbmp3', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  ['My.Song_Bb', other(['no_extension'], { extension: '' })],
  ['Mr. Jones', other(['no_extension'], { extension: '' })],
  ['Mr. Jones.mp3', audio('Mr. Jones', 'mrjones', 'performance', { problems: ['title_style'] })],
];

const SPACES: Row[] = [
  ['AllOfMe_Bb.pdf ', chart('All Of Me', 'allofme', 'Bb', { problems: ['surrounding_spaces'] })],
  [' AllOfMe_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['surrounding_spaces'] })],
  // Tabs and line breaks are control characters: removed before the name is trimmed.
  ['\tAllOfMe_Bb.pdf\n', chart('All Of Me', 'allofme', 'Bb', { problems: ['invisible_characters'] })],
  ['AllOfMe_ Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['spaced_token'] })],
  ['AllOfMe_Bb .pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['spaced_token'] })],
  ['Misty_ Backing .wav', audio('Misty', 'misty', 'Backing', { problems: ['spaced_token'] })],
  ['Misty _Backing.wav', audio('Misty', 'misty', 'Backing')],
];

const UNICODE: Row[] = [
  ['Café_Bb.pdf', chart('Café', 'café', 'Bb')],
  ['Cafe\u0301_Bb.pdf', chart('Café', 'café', 'Bb', { songTitle: 'Café' })],
  ['ÉtéIndien_Concert.pdf', chart('Été Indien', 'étéindien', 'Concert')],
  ['Straße_Bb.pdf', chart('Straße', 'strasse', 'Bb')],
  ['STRASSE_Bb.pdf', chart('STRASSE', 'strasse', 'Bb')],
  ['GROẞE_Bb.pdf', chart('GROẞE', 'grosse', 'Bb')],
  ['Große_Bb.pdf', chart('Große', 'grosse', 'Bb')],
  ['ΟΔΟΣ_ΑΘΗΝΑ_Bb.pdf', chart('ΟΔΟΣ ΑΘΗΝΑ', 'οδοσαθηνα', 'Bb', { problems: ['title_style'] })],
  ['ΟδόςΑθηνά_Bb.pdf', chart('Οδός Αθηνά', 'οδόσαθηνά', 'Bb')],
  ['Ｆｕｌｌｗｉｄｔｈ_Bb.pdf', chart('Ｆｕｌｌｗｉｄｔｈ', 'fullwidth', 'Bb')],
  ['上を向いて歩こう_Lyrics.pdf', chart('上を向いて歩こう', '上を向いて歩こう', 'Lyrics')],
  ['Ωραία_Chords.pdf', chart('Ωραία', 'ωραία', 'Chords')],
  ['Песня_Bb.pdf', chart('Песня', 'песня', 'Bb')],
  ['КалинкаМалинка_Eb.pdf', chart('Калинка Малинка', 'калинкамалинка', 'Eb')],
  ['أغنية_Chords.pdf', chart('أغنية', 'أغنية', 'Chords')],
  ['🎺Blues_Bb.pdf', chart('🎺Blues', 'blues', 'Bb')],
  ['👨‍👩‍👧Family_Bb.pdf', chart('👨‍👩‍👧Family', 'family', 'Bb')],
  ['SambaDeUmaNotaSó_Concert.pdf', chart('Samba De Uma Nota Só', 'sambadeumanotasó', 'Concert')],
  ['Misty_Réf.mp3', audio('Misty Réf', 'mistyréf', 'performance', { problems: ['title_style'] })],
  [
    'AllOfMe_Ｂｂ.pdf',
    chart('All Of Me Ｂｂ', 'allofmebb', null, { problems: ['title_style', 'unknown_token'] }),
  ],
  ['AllOfMe_Bb\u200B.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['invisible_characters'] })],
  ['All\u202EOfMe_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['invisible_characters'] })],
  ['AllOfMe\u0000_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['invisible_characters'] })],
  ['\uFEFFAllOfMe_Bb.pdf', chart('All Of Me', 'allofme', 'Bb', { problems: ['invisible_characters'] })],
];

const EMPTY: Row[] = [
  ['', other(['empty_name'], { extension: '' })],
  ['   ', other(['empty_name'])],
  ['\u200B', other(['empty_name'])],
  ['_Bb.pdf', other(['missing_title'], { extension: 'pdf' })],
  ['__Bb.pdf', other(['missing_title'])],
  ['!!!_Bb.pdf', other(['missing_title'])],
  ['_.pdf', other(['missing_title', 'unknown_token'])],
  ['-_Bb.mp3', other(['missing_title', 'token_on_audio'], { extension: 'mp3' })],
  ['_Ref.wav', other(['missing_title'], { extension: 'wav' })],
];

const long248 = 'A'.repeat(248);
const LONG: Row[] = [
  [`${long248}_Bb.pdf`, chart(long248, long248.toLowerCase(), 'Bb')],
  [`${'Ab'.repeat(124)}_Bb.pdf`, { kind: 'chart', token: 'Bb', songKey: 'ab'.repeat(124), problems: [] }],
  [`${'VeryLong'.repeat(30)}_Bb.pdf`, { kind: 'chart', token: 'Bb', problems: [] }],
  [`${'A'.repeat(249)}_Bb.pdf`, other(['name_too_long'], { extension: '' })],
  ['A'.repeat(10_000), other(['name_too_long'])],
  [`${'Ñ'.repeat(245)}_Bb.pdf`, chart('Ñ'.repeat(245), 'ñ'.repeat(245), 'Bb')],
];

const TABLE: Record<string, Row[]> = {
  'the four patterns of DOMAIN.md': PATTERNS,
  'tokens in any case, normalised': TOKEN_CASES,
  'aliases: Bass is the bass-clef part, Chord is Chords': ALIASES,
  'audio kinds in any case': AUDIO_KINDS,
  'audio extensions in any case': AUDIO_EXTENSIONS,
  'gig documents': GIGS,
  placeholders: PLACEHOLDERS,
  'more than one underscore: the last part is the token': UNDERSCORES,
  'display titles split TitleCase words and digits': DISPLAY_TITLES,
  pitfalls: PITFALLS,
  'odd extensions': EXTENSIONS,
  spaces: SPACES,
  Unicode: UNICODE,
  'empty and title-less names': EMPTY,
  'long names': LONG,
};

describe('readFileName', () => {
  it('is held to at least 150 names', () => {
    expect(Object.values(TABLE).flat().length).toBeGreaterThanOrEqual(150);
  });

  for (const [section, rows] of Object.entries(TABLE)) {
    describe(section, () => {
      it.each(rows)('%j', (name, { problems = [], ...fields }) => {
        const reading = readFileName(name);
        expect(reading).toMatchObject(fields);
        expect(reading.problems.map((p) => p.code)).toEqual(problems);
        expect(FileNameReading.parse(reading)).toEqual(reading);
      });
    });
  }

  it('caps display titles at the length a reading may carry', () => {
    const reading = readFileName(`${'Ab'.repeat(124)}_Bb.pdf`);
    expect(reading.title?.length).toBe(MAX_FILE_NAME_LENGTH);
    expect(reading.title?.startsWith('Ab Ab Ab')).toBe(true);
  });

  it('explains each problem in words that name what was found', () => {
    const [unknown] = readFileName('AllOfMe_Bb (1).pdf').problems.filter((p) => p.code === 'unknown_token');
    expect(unknown?.message).toContain('"Bb (1)"');
    expect(unknown?.message).toContain('starts with Bb');
    expect(readFileName('AllOfMe_Bb.docx').problems[0]?.message).toContain(
      'charts must be PDF files, not .docx',
    );
    expect(readFileName('2026-02-30_Gig.pdf').problems[0]?.message).toContain('2026-02-30');
    expect(readFileName('AllOfMe_Bb.mp3').problems[0]?.message).toContain('Bb is a chart token');
  });

  it('shortens what it quotes, so a long title does not flood a message', () => {
    const title = `all${'x'.repeat(200)}`;
    const [style] = readFileName(`${title}_Bb.pdf`).problems;
    expect(style?.code).toBe('title_style');
    expect(style?.message).toContain(`"${title.slice(0, 39)}…"`);
  });
});

describe('readLibraryPath', () => {
  it.each([
    ['Charts/AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    ['Charts/Set 1/Horns/AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    ['Audio\\Misty_Backing.wav', 'Misty_Backing.wav'],
    ['Summertime_X/AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    // A folder named like a gig does not make its files gig documents.
    ['2026-12-31_NewYearsEve/Setlist.pdf', 'Setlist.pdf'],
    ['Charts/', ''],
  ])('reads %j as its file name %j: folders never change what a name means', (path, name) => {
    expect(readLibraryPath(path)).toEqual(readFileName(name));
  });

  it('reads a gig folder file as the song it names', () => {
    expect(readLibraryPath('2026-12-31_NewYearsEve/AllOfMe_Bb.pdf')).toMatchObject({
      kind: 'chart',
      token: 'Bb',
    });
  });
});
