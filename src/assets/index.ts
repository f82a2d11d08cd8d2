// The asset manager's public surface: the CLI, the server and the pipeline import from here.
export { resolveCacheDir, cachePath } from "./cache-dir.js";
export {
  DEFAULT_VARIANT,
  DEFAULT_VOICE_SOURCE,
  LEXICONS,
  LEXICON_NAMES,
  MODEL_VARIANTS,
  VOICE_SOURCES,
  UnknownVariantError,
  findVariant,
  isVoiceSource,
  variantNames,
  type AssetFile,
  type AssetKind,
  type LexiconName,
  type ModelVariant,
  type VoiceSource,
} from "./catalogue.js";
export { downloadFile, type DownloadOptions, type DownloadResult, type FileProgress } from "./download.js";
export { AssetsMissingError, DownloadHttpError, DownloadInterruptedError, IntegrityError, NetworkUnavailableError } from "./download-errors.js";
export {
  LOCAL_PATH_NAMES,
  LocalAssetError,
  assertLexiconDir,
  assertLocalModelAssets,
  ensureLexicons,
  ensureModelAssets,
  ensureVoices,
  type EnsureLexiconOptions,
  type EnsureModelOptions,
  type EnsureVoicesOptions,
  type LexiconPaths,
  type ModelAssets,
} from "./ensure.js";
export { LOCAL_ASSET_OPTIONS, manualDownloadInstructions, type ManualFile } from "./manual-download.js";
export { missingAssets, preflightAssets, type PreflightOptions } from "./preflight.js";
export { createProgressReporter, formatProgressLine, type AssetProgress, type ProgressReporter } from "./progress.js";
export { formatCatalogue, runDownload, type DownloadCommandIO, type DownloadCommandOptions, type DownloadSummary } from "./run-download.js";
