/** RFC 3389 comfort noise (CN, RTP payload type 13): the level a silent sender signals, and the noise that fills its silence. */
package org.parley.media.codec.cn;
