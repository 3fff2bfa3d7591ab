package org.parley.tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A customer organisation running its contact center on this Parley. */
@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "sip_domain", nullable = false, length = 253)
    private String sipDomain;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Tenant() {
    }

    public Tenant(String name, String sipDomain, ZoneId timeZone, Instant createdAt) {
        this.name = Objects.requireNonNull(name);
        this.sipDomain = Objects.requireNonNull(sipDomain);
        this.timeZone = timeZone.getId();
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public TenantId id() {
        return new TenantId(id);
    }

    public String name() {
        return name;
    }

    /** The SIP domain, which is also the digest realm for the tenant's phones. */
    public String sipDomain() {
        return sipDomain;
    }

    public ZoneId timeZone() {
        return ZoneId.of(timeZone);
    }
}
