import { readFavourites, setFavourite } from './favourites';
import { exportFromGallery } from './gallery-export';
import type { ServiceContext, StudioHandlers } from './service-context';

type GalleryHandlers = Pick<
  StudioHandlers,
  'gallery.sample' | 'gallery.interpolate' | 'gallery.favourites' | 'gallery.setFavourite' | 'gallery.export'
>;

export function galleryHandlers({ home, gallery }: ServiceContext): GalleryHandlers {
  return {
    'gallery.sample': async ({ run, seeds, truncation }) => gallery.sample(run, seeds, truncation),
    'gallery.interpolate': async ({ run, from, to, frames, truncation }) => ({
      frames: await gallery.walk(run, from, to, frames, truncation),
    }),
    'gallery.favourites': async ({ run }) => readFavourites(home, run),
    'gallery.setFavourite': async ({ run, seed, favourite }) => setFavourite(home, run, seed, favourite),
    'gallery.export': async (request) => exportFromGallery(home, gallery, request),
  };
}
