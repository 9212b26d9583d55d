/**
 * The one redaction policy every sink applies: secret keys, secret-looking text, credentials in URLs.
 *
 * @since 0.1.0
 */
package dev.observa.redaction;
