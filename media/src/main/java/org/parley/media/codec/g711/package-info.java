/** ITU-T G.711 companding: PCMU (mu-law, RTP payload type 0) and PCMA (A-law, payload type 8), table-driven. */
package org.parley.media.codec.g711;
