/** Method annotations; inert until an aspect (the Spring Boot starter's) reads them. */
package dev.observa.annotation;
