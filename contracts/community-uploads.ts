import { z } from "zod";

/** POST /api/v1/community/uploads (multipart/form-data, one field "file"): a picture for a post. */
export const communityUploadSchema = z.object({
  id: z.string(),
  /** Where the picture is served; write it in the post as `![alt](url)`. */
  url: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** `![name](url)`, ready to insert into the body. */
  markdown: z.string(),
});
export type CommunityUpload = z.infer<typeof communityUploadSchema>;

/** The largest picture accepted (the help center's limit for article pictures). */
export const MAX_COMMUNITY_PICTURE_BYTES = 5 * 1024 * 1024;
