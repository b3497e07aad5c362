export { createLocalDiskStorage, type LocalDiskStorageOptions } from "./local-disk-storage.js";
export {
  MediaInUseError,
  MediaTypeMismatchError,
  UnreadableImageError,
  UnsupportedMediaFileError,
} from "./media-errors.js";
export { detectMediaType, isAcceptedMimeType, processImage, variantWidths } from "./media-files.js";
export { toMedia } from "./media-mappers.js";
export { createConfiguredMediaService, createMediaStorage, type MediaOptions } from "./media-wiring.js";
export {
  assertMediaKey,
  contentTypeOfKey,
  InvalidMediaKeyError,
  isMediaKey,
  MEDIA_KEY_MAX_LENGTH,
  type MediaStorage,
  type PutOptions,
  type StoredObject,
} from "./media-storage.js";
export {
  cleanFilename,
  createMediaService,
  type MediaActor,
  type MediaFile,
  type MediaService,
  type MediaServiceDeps,
  type MediaUpload,
} from "./media.service.js";
export { createS3Storage, type S3MediaStorage, type S3StorageOptions } from "./s3-storage.js";
