package org.parley.acd;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.parley.tenant.TenantId;

/**
 * One entry of a tenant's list of pause reasons: the code an agent pauses with ({@code lunch}), the label a desktop
 * shows ("Lunch break"), and its place in the list.
 */
@Entity
@Table(name = "pause_reasons")
@IdClass(PauseCode.Key.class)
public class PauseCode {

    /** The longest code: it is carried in every pause event and on the agent's state. */
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_LABEL_LENGTH = 200;

    @Id
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Id
    @Column(nullable = false, length = MAX_CODE_LENGTH, updatable = false)
    private String code;

    @Column(nullable = false, length = MAX_LABEL_LENGTH)
    private String label;

    @Column(nullable = false)
    private int position;

    protected PauseCode() {
    }

    public PauseCode(TenantId tenant, String code, String label, int position) {
        this.tenantId = tenant.value();
        this.code = Objects.requireNonNull(code);
        this.label = Objects.requireNonNull(label);
        this.position = position;
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public int position() {
        return position;
    }

    /** The primary key: a code is unique within its tenant. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long tenantId;
        private String code;

        public Key() {
        }

        public Key(long tenantId, String code) {
            this.tenantId = tenantId;
            this.code = code;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tenantId == tenantId && Objects.equals(k.code, code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, code);
        }
    }
}
