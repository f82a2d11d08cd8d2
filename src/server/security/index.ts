export { ApiKeyRing, ApiKeysConfigError, isLoopbackHost, keyId, loadApiKeys, parseKeysFile } from "./api-keys.js";
export { isOpenRequest, isProtectedPath, pathOf } from "./access.js";
export { presentedKey, type PresentedKey } from "./credentials.js";
export { corsOptions, EXPOSED_HEADERS } from "./cors.js";
export { publicMessage } from "./public-message.js";
export { security, type SecurityOptions } from "./plugin.js";
export { HostPolicy, hostName, isLoopbackName, isSameOrigin, OriginPolicy } from "./origin.js";
export { isJsonContentType, requireJsonBody } from "./json-body.js";
export { serverTimeoutOptions, type HttpTimeouts } from "./timeouts.js";
