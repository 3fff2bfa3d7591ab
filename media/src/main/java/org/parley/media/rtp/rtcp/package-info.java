/** RTCP (RFC 3550 section 6): sender and receiver reports with their report blocks, and the SDES CNAME they travel with. */
package org.parley.media.rtp.rtcp;
