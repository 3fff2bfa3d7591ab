/** Audio codecs Parley speaks on the wire; each sub-package one codec family. Linear PCM inside is 16-bit signed, 8 kHz. */
package org.parley.media.codec;
