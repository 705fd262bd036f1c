// The blob store on an S3-compatible object store (Garage, MinIO, AWS…), behind the same interface as
// FsBlobStore. An S3 PUT is atomic: readers see the whole object or nothing. Streams are sent as a
// multipart upload (lib-storage), so memory does not grow with the size of the blob.
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, DeleteObjectCommand, ListMultipartUploadsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertKey, type BlobInfo, type BlobStore } from './blob-store.js';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  access_key: string;
  secret_key: string;
  force_path_style: boolean;
}

function missing(err: unknown): boolean {
  if (err instanceof S3ServiceException) return err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound';
  return false;
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(opts: S3Options) {
    if (!opts.bucket) throw new Error('blobs.s3.bucket is empty: name the bucket of the S3 store');
    this.bucket = opts.bucket;
    this.client = new S3Client({
      region: opts.region,
      forcePathStyle: opts.force_path_style,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.access_key ? { credentials: { accessKeyId: opts.access_key, secretAccessKey: opts.secret_key } } : {}),
      // Garage and MinIO do not all support the newer default checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable | Buffer): Promise<BlobInfo> {
    assertKey(key);
    if (Buffer.isBuffer(body)) {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length }));
      return { size: body.length };
    }
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: body }, queueSize: 2, partSize: 8 * 1024 * 1024 });
    await upload.done();
    const info = await this.stat(key);
    if (!info) throw new Error(`blob ${key} missing after upload`);
    return info;
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable | null> {
    assertKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      const body = res.Body;
      if (!body) return null;
      return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as import('node:stream/web').ReadableStream);
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async stat(key: string): Promise<BlobInfo | null> {
    assertKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: res.ContentLength ?? 0 };
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const o of res.Contents ?? []) if (o.Key) out.push(o.Key);
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out.sort();
  }

  /** A put cut by a crash leaves an unfinished multipart upload (parts kept, and billed): aborted here. */
  async sweep(prefix: string, olderThanMs: number): Promise<number> {
    const before = Date.now() - olderThanMs;
    let removed = 0;
    let keyMarker: string | undefined;
    let idMarker: string | undefined;
    do {
      let res;
      try {
        res = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: idMarker }));
      } catch (err) {
        // Stores without multipart listing (some small S3 servers) have nothing we can clean.
        if (err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 501 || err.name === 'NotImplemented')) return removed;
        throw err;
      }
      for (const u of res.Uploads ?? []) {
        if (!u.Key || !u.UploadId || (u.Initiated && u.Initiated.getTime() >= before)) continue;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
        removed++;
      }
      keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
      idMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return removed;
  }
}
