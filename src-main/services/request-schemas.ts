import { z } from 'zod';
import type { StudioChannel } from '../shared/studio-api';

/**
 * The shape every request must have, by channel, checked at each transport's edge (IPC and HTTP) before a
 * service sees it. A channel missing here can't be called.
 */

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'not a valid name');
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);
const truncation = z.number().gt(0).max(1);
const title = z.string().trim().min(1).max(200);
const fit = z.enum(['crop', 'pad']);
const direction = z.enum(['a2b', 'b2a']);
const folder = z.string().min(1).max(4096);

const importSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paths'), paths: z.array(folder).min(1).max(1000) }).strict(),
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
]);

const advanced = z
  .object({
    steps: z.number().int().min(1).max(10_000_000),
    batchSize: z.number().int().min(1).max(1024),
    learningRateG: z.number().positive().max(1),
    learningRateD: z.number().positive().max(1),
    augment: z.boolean(),
    emaDecay: z.number().min(0).max(1),
    seed,
  })
  .partial()
  .strict();

export const requestSchemas: { [C in StudioChannel]: z.ZodType } = {
  'system.info': z.null(),
  'datasets.list': z.null(),
  'datasets.get': z.object({ name }).strict(),
  'datasets.import': z
    .object({
      title,
      size: z.union([z.literal(32), z.literal(64), z.literal(128), z.literal(256)]),
      fit,
      source: importSource,
    })
    .strict(),
  'datasets.importPairs': z
    .object({
      title,
      size: z.union([z.literal(64), z.literal(128), z.literal(256)]),
      fit,
      layout: z.enum(['two-folders', 'side-by-side']),
      a: importSource,
      b: importSource.optional(),
    })
    .strict(),
  'runs.list': z.null(),
  'runs.get': z.object({ name }).strict(),
  'runs.start': z
    .object({
      model: z.enum(['dcgan', 'pix2pix', 'cyclegan']),
      dataset: name,
      datasetB: name.optional(),
      title,
      preset: z.enum(['quick', 'standard', 'detailed']),
      advanced: advanced.optional(),
    })
    .strict(),
  'runs.resume': z.object({ name, totalSteps: z.number().int().min(1).optional() }).strict(),
  'runs.pause': z.object({ name }).strict(),
  'runs.unpause': z.object({ name }).strict(),
  'runs.stop': z.object({ name }).strict(),
  'runs.evaluate': z.object({ name }).strict(),
  'jobs.list': z.null(),
  'translate.start': z.object({ run: name, source: importSource, direction }).strict(),
  'translate.list': z.object({ run: name }).strict(),
  'translate.export': z
    .object({ files: z.array(z.string().min(1).max(1024)).min(1).max(10_000), folder: folder.optional() })
    .strict(),
  'gallery.sample': z.object({ run: name, seeds: z.array(seed).min(1).max(256), truncation }).strict(),
  'gallery.interpolate': z
    .object({ run: name, from: seed, to: seed, frames: z.number().int().min(2).max(120), truncation })
    .strict(),
  'gallery.favourites': z.object({ run: name }).strict(),
  'gallery.setFavourite': z.object({ run: name, seed, favourite: z.boolean() }).strict(),
  'gallery.export': z
    .object({
      run: name,
      kind: z.enum(['pngs', 'grid', 'gif', 'webp']),
      seeds: z.array(seed).min(1).max(1024),
      truncation,
      upscale: z.number().int().min(1).max(16),
      folder: folder.optional(),
    })
    .strict(),
  'runs.exportModel': z.object({ name, folder: folder.optional() }).strict(),
  'trash.list': z.null(),
  'trash.empty': z.null(),
  'datasets.delete': z.object({ name }).strict(),
  'runs.delete': z.object({ name }).strict(),
  'trash.restore': z
    .object({
      id: z.string().regex(/^[a-z0-9]+-(dataset|run)-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'not a trash id'),
    })
    .strict(),
};

export function isStudioChannel(channel: unknown): channel is StudioChannel {
  return typeof channel === 'string' && Object.hasOwn(requestSchemas, channel);
}
