/** A hand-run measurement of this module's costs (not part of the test suite). */
package io.synod.crypto.bench;
