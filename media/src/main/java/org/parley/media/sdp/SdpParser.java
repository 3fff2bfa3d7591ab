package org.parley.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses session descriptions (RFC 4566 section 5). Strict where a mistake would misroute media (ports, addresses,
 * payload types) and tolerant of what does not matter here (bare LF line ends, unknown attributes). Every
 * error names the offending line so it can be logged and answered with 400 or 488.
 */
public final class SdpParser {

    private static final String KNOWN_TYPES = "vosiuepcbtrzkam";

    private SdpParser() {
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        if (text == null || text.isBlank()) {
            throw new SdpParseException(0, "", "empty session description");
        }
        List<String> lines = lines(text);
        SessionDescription.Origin origin = null;
        String sessionName = null;
        Optional<String> sessionConnection = Optional.empty();
        boolean timing = false;
        List<Attribute> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();

        String mType = null;
        int mPort = 0;
        String mProtocol = null;
        List<String> mFormats = null;
        Optional<String> mConnection = Optional.empty();
        List<Attribute> mAttributes = null;

        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.length() < 2 || line.charAt(1) != '=' || KNOWN_TYPES.indexOf(line.charAt(0)) < 0) {
                throw new SdpParseException(number, line, "not a \"<type>=<value>\" line of a known type");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (number == 1 && type != 'v') {
                throw new SdpParseException(number, line, "a description must start with v=");
            }
            switch (type) {
                case 'v' -> {
                    if (number != 1 || !value.equals("0")) {
                        throw new SdpParseException(number, line, "only version 0 exists, and only as the first line");
                    }
                }
                case 'o' -> origin = parseOrigin(number, line, value);
                case 's' -> sessionName = value;
                case 't' -> timing = true;
                case 'c' -> {
                    String address = parseConnection(number, line, value);
                    if (mType == null) {
                        sessionConnection = Optional.of(address);
                    } else {
                        mConnection = Optional.of(address);
                    }
                }
                case 'a' -> {
                    Attribute a = parseAttribute(number, line, value);
                    if (mType == null) {
                        sessionAttributes.add(a);
                    } else {
                        mAttributes.add(a);
                    }
                }
                case 'm' -> {
                    if (mType != null) {
                        media.add(new MediaDescription(mType, mPort, mProtocol, mFormats, mConnection, mAttributes));
                    }
                    String[] f = fields(value);
                    if (f.length < 4) {
                        throw new SdpParseException(number, line, "m= needs media, port, protocol and formats");
                    }
                    mType = f[0];
                    String port = f[1].contains("/") ? f[1].substring(0, f[1].indexOf('/')) : f[1];
                    mPort = parseNumber(number, line, port, 0, 65535, "port");
                    mProtocol = f[2];
                    mFormats = new ArrayList<>(List.of(f).subList(3, f.length));
                    if (mProtocol.startsWith("RTP/")) {
                        for (String format : mFormats) {
                            parseNumber(number, line, format, 0, 127, "RTP payload type");
                        }
                    }
                    mConnection = Optional.empty();
                    mAttributes = new ArrayList<>();
                }
                default -> {
                    // i=, u=, e=, p=, b=, z=, k=, r=: valid, and nothing audio negotiation needs.
                }
            }
        }
        if (mType != null) {
            media.add(new MediaDescription(mType, mPort, mProtocol, mFormats, mConnection, mAttributes));
        }
        if (origin == null) {
            throw new SdpParseException(0, "", "no o= line");
        }
        if (sessionName == null) {
            throw new SdpParseException(0, "", "no s= line");
        }
        if (!timing) {
            throw new SdpParseException(0, "", "no t= line");
        }
        for (MediaDescription m : media) {
            if (m.connectionAddress().isEmpty() && sessionConnection.isEmpty()) {
                throw new SdpParseException(0, "", "m=" + m.media() + " has no c= line and the session has none");
            }
        }
        return new SessionDescription(origin, sessionName, sessionConnection, sessionAttributes, media);
    }

    private static SessionDescription.Origin parseOrigin(int number, String line, String value)
        throws SdpParseException {
        String[] f = fields(value);
        if (f.length != 6) {
            throw new SdpParseException(number, line, "o= needs 6 fields");
        }
        try {
            return new SessionDescription.Origin(f[0], Long.parseUnsignedLong(f[1]) & Long.MAX_VALUE,
                Long.parseUnsignedLong(f[2]) & Long.MAX_VALUE, f[5]);
        } catch (NumberFormatException e) {
            throw new SdpParseException(number, line, "session id and version must be numbers");
        }
    }

    private static String parseConnection(int number, String line, String value) throws SdpParseException {
        String[] f = fields(value);
        if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            throw new SdpParseException(number, line, "c= must be \"IN IP4|IP6 <address>\"");
        }
        String address = f[2];
        int slash = address.indexOf('/');
        if (slash >= 0) {
            address = address.substring(0, slash);
        }
        if (address.isEmpty()) {
            throw new SdpParseException(number, line, "empty connection address");
        }
        if (f[1].equals("IP4") && !isIpv4OrName(address)) {
            throw new SdpParseException(number, line, "not an IPv4 address or host name: " + address);
        }
        return address;
    }

    private static boolean isIpv4OrName(String address) {
        boolean dotsAndDigits = true;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && c != '.') {
                dotsAndDigits = false;
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-')) {
                    return false;
                }
            }
        }
        if (!dotsAndDigits) {
            return true;
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Attribute parseAttribute(int number, String line, String value) throws SdpParseException {
        int colon = value.indexOf(':');
        if (colon == 0 || value.isEmpty()) {
            throw new SdpParseException(number, line, "attribute without a name");
        }
        if (colon < 0) {
            return Attribute.property(value);
        }
        String name = value.substring(0, colon);
        String v = value.substring(colon + 1);
        if (name.equals("rtpmap") && parseRtpMap(v) == null) {
            throw new SdpParseException(number, line, "rtpmap must be \"<payload type> <encoding>/<rate>[/<channels>]\"");
        }
        if (name.equals("ptime") || name.equals("maxptime")) {
            parseNumber(number, line, v.trim(), 1, 1000, name);
        }
        return Attribute.of(name, v);
    }

    /** Parses an rtpmap value, or returns null if it is malformed. */
    static RtpMap parseRtpMap(String value) {
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String[] f = {trimmed.substring(0, space), trimmed.substring(space + 1).stripLeading()};
        String[] enc = f[1].split("/");
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            return null;
        }
        try {
            int pt = Integer.parseInt(f[0]);
            int rate = Integer.parseInt(enc[1]);
            int channels = enc.length == 3 ? Integer.parseInt(enc[2]) : 1;
            if (pt < 0 || pt > 127 || rate <= 0 || channels <= 0) {
                return null;
            }
            return new RtpMap(pt, enc[0], rate, channels);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The lines of a description: CRLF or a bare LF ends a line, a last line may go without either, and empty lines
     * at the end are dropped. Not a regular expression: every call's set-up parses several descriptions, and the
     * pattern engine was most of that work.
     */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(16);
        int start = 0;
        int length = text.length();
        while (start < length) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? length : lf;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, contentEnd));
            start = lf < 0 ? length : lf + 1;
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The fields of a value separated by one space or more (RFC 4566 asks for one; some peers send more). */
    private static String[] fields(String value) {
        List<String> fields = new ArrayList<>(8);
        int i = 0;
        int length = value.length();
        while (i < length) {
            int space = value.indexOf(' ', i);
            int end = space < 0 ? length : space;
            // A leading space gives an empty first field, as String.split did; runs of spaces between fields do not.
            if (end > i || fields.isEmpty()) {
                fields.add(value.substring(i, end));
            }
            i = end + 1;
            while (space >= 0 && i < length && value.charAt(i) == ' ') {
                i++;
            }
        }
        return fields.toArray(String[]::new);
    }

    private static int parseNumber(int number, String line, String text, int min, int max, String what)
        throws SdpParseException {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new SdpParseException(number, line, what + " out of range " + min + "-" + max + ": " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SdpParseException(number, line, what + " is not a number: " + text);
        }
    }
}
