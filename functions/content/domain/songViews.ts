import { TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { FileNameReading } from '../../../shared/contracts/fileNameReading.ts';
import type { SongFileView, SongView } from '../../../shared/contracts/services/contentServices.ts';
import { memberSongView } from './memberSongView.ts';
import { readFileName } from './readFileName.ts';
import { groupSongs } from './songCatalogue.ts';
import { compareUtf8 } from './utf8Order.ts';

/** A file as the views store it: enough to show and link it; its name is read again when shown. */
export interface ViewFile {
  readonly fileId: string;
  readonly name: string;
  readonly modifiedAt: string;
}

/** A view file with its reading. */
export interface ReadViewFile extends ViewFile {
  readonly reading: FileNameReading;
}

/** Whose view: a member reading some tokens, or a leader asking for everything. */
export type ViewScope =
  | { readonly kind: 'member'; readonly tokens: readonly TranspositionToken[] }
  | { readonly kind: 'all' };

/** Drive's route that answers a short-lived download link for a file. */
export const downloadRouteOf = (bandId: string, fileId: string): string =>
  `/api/drive/bands/${encodeURIComponent(bandId)}/files/${encodeURIComponent(fileId)}/download`;

export const readViewFile = (file: ViewFile): ReadViewFile => ({ ...file, reading: readFileName(file.name) });

const fileView = (bandId: string, file: ReadViewFile): SongFileView => ({
  fileId: file.fileId,
  name: file.name,
  kind: file.reading.kind,
  token: file.reading.token,
  audioKind: file.reading.audioKind,
  modifiedAt: file.modifiedAt,
  downloadRoute: downloadRouteOf(bandId, file.fileId),
});

/**
 * Songs as one caller sees them, in song-key order (the paging order). A member gets their charts, every
 * recording and "part coming" for their placeholders (`memberSongView`); the "all" view (leaders) gets every
 * chart, charts without a token included. A song left with nothing to show is dropped.
 */
export const songViews = (
  bandId: string,
  files: readonly ViewFile[],
  scope: ViewScope,
  titleOverrides: ReadonlyMap<string, string>,
): SongView[] => {
  const tokens = scope.kind === 'all' ? TranspositionToken.options : scope.tokens;
  const songs = groupSongs(files.map(readViewFile), titleOverrides).sort((a, b) =>
    compareUtf8(a.songKey, b.songKey),
  );
  const views: SongView[] = [];
  for (const song of songs) {
    const view = memberSongView(song, tokens);
    const untokened =
      scope.kind === 'all' ? song.files.filter((f) => f.reading.kind === 'chart' && !f.reading.token) : [];
    const charts = [...view.charts, ...untokened];
    if (charts.length + view.audio.length + view.partComing.length === 0) continue;
    views.push({
      songKey: song.songKey,
      displayTitle: song.title.slice(0, 255) || song.songKey.slice(0, 255),
      charts: charts.map((f) => fileView(bandId, f)),
      audio: view.audio.map((f) => fileView(bandId, f)),
      partComing: view.partComing,
    });
  }
  return views;
};
