// A download that survives a cut connection: when the response stops before `total` bytes, the rest is
// asked for again from where it stopped (Range, under the same ticket: no other download slot), a few
// times, waiting a little longer each time.
export function resumable(first: ReadableStream<Uint8Array>, again: (from: number) => Promise<Response>, total: number, retries = 3): ReadableStream<Uint8Array> {
  let reader = first.getReader();
  let got = 0;
  let left = retries;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = await reader.read().catch(() => null);
        if (next && !next.done) {
          got += next.value.length;
          if (got > total) return controller.error(new Error('download longer than announced'));
          return controller.enqueue(next.value);
        }
        if (next?.done && got === total) return controller.close();
        if (left-- <= 0) return controller.error(new Error('truncated download'));
        await new Promise((r) => setTimeout(r, 1000 * (retries - left)));
        const res = await again(got).catch(() => null);
        if (res?.status !== 206 || !res.body) return controller.error(new Error(`truncated download (${res?.status ?? 'network'})`));
        reader = res.body.getReader();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
