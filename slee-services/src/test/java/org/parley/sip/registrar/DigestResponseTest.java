package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The digest computation against the worked examples in the RFCs. */
class DigestResponseTest {

    @Test
    void rfc2617Section3_5Example() {
        Ha1 ha1 = Ha1.of(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");

        String response = DigestResponse.compute(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                "0a4f113b", "auth", "GET", "/dir/index.html");

        assertEquals("6629fae49393a05397450978507c4ef1", response);
    }

    @Test
    void rfc7616Section3_9_1ExampleWithSha256() {
        Ha1 ha1 = Ha1.of(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life");

        String response = DigestResponse.compute(ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");

        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    @Test
    void rfc7616Section3_9_1ExampleWithMd5() {
        Ha1 ha1 = Ha1.of(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life");

        String response = DigestResponse.compute(ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");

        assertEquals("8ca523f5e9506fed4657c9700eebdbec", response);
    }
}
