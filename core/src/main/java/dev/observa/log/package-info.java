/** The facade's structured logger and its typed fields. */
package dev.observa.log;
