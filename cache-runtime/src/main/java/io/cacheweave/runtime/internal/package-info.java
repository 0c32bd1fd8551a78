/**
 * Implementation details of the Cacheweave runtime. Not API: anything here may change without notice.
 */
package io.cacheweave.runtime.internal;
