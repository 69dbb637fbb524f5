// s3rver (dev only, the S3 endpoint of s3-attachments.test.ts) ships no types; what the test uses.
declare module "s3rver" {
  export default class S3rver {
    constructor(options: {
      port?: number;
      address?: string;
      silent?: boolean;
      directory: string;
      configureBuckets?: Array<{ name: string; configs: Buffer[] }>;
    });
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}
