/** Implementation of the core: not API, may change in any release, never imported by other modules. */
package dev.observa.internal;
