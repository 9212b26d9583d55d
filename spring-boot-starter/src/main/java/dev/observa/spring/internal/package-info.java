/** The starter's implementation parts that a {@code ServiceLoader} must reach; not API. */
package dev.observa.spring.internal;
