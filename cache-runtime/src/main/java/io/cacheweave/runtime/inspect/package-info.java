/**
 * The inspection command, {@link io.cacheweave.runtime.inspect.Inspect}: what a shared tier (Redis or a file-tier
 * directory) holds, decoded as JSON, read only.
 */
package io.cacheweave.runtime.inspect;
