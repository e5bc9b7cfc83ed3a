// Container and codec for a movie: MP4/H.264 when WebCodecs can encode it at this size, else WebM
// with VP9 (then VP8); or the container the user chose. Throws when nothing fits.
import type { MovieContainer } from './export-options';
import { getFirstEncodableVideoCodec, Mp4OutputFormat, QUALITY_HIGH, WebMOutputFormat, type OutputFormat, type VideoCodec } from 'mediabunny';

export interface MovieFormat { codec: VideoCodec; container: 'mp4' | 'webm'; format: OutputFormat; ext: string; mime: string }

export async function chooseMovieFormat(width: number, height: number, fps: number, want: MovieContainer): Promise<MovieFormat> {
  const probe = { width, height, frameRate: fps, quality: QUALITY_HIGH };
  if (want !== 'webm' && await getFirstEncodableVideoCodec(['avc'], probe)) {
    return { codec: 'avc', container: 'mp4', format: new Mp4OutputFormat({ fastStart: 'in-memory' }), ext: 'mp4', mime: 'video/mp4' };
  }
  if (want === 'mp4') throw new Error(`this browser cannot encode H.264 at ${width}×${height}; choose WebM`);
  const codec = await getFirstEncodableVideoCodec(['vp9', 'vp8'], probe);
  if (!codec) throw new Error(`this browser cannot encode ${want === 'webm' ? '' : 'H.264, '}VP9 or VP8 at ${width}×${height} (WebCodecs)`);
  return { codec, container: 'webm', format: new WebMOutputFormat(), ext: 'webm', mime: 'video/webm' };
}
