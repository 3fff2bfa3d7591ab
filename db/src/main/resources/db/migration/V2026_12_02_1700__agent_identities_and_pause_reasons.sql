-- An agent acts for itself only. A user (portal login) or an API key (the agent's desktop, a CTI client) may be
-- bound to one agent: requests made as that user or with that key may change that agent's routing state and answer
-- its offers. A user speaks for at most one agent and an agent has at most one user; keys can be reissued, so an
-- agent may have several live keys.
ALTER TABLE users ADD COLUMN agent_id BIGINT;
ALTER TABLE users ADD CONSTRAINT uq_users_agent UNIQUE (agent_id);
ALTER TABLE users ADD CONSTRAINT fk_users_agent FOREIGN KEY (agent_id) REFERENCES agents (id);
ALTER TABLE api_keys ADD COLUMN agent_id BIGINT;
ALTER TABLE api_keys ADD CONSTRAINT fk_api_keys_agent FOREIGN KEY (agent_id) REFERENCES agents (id);

-- The reason codes a tenant's agents may pause with (break, lunch, training ...). A tenant without any accepts any
-- code; once an admin defines the list, only its codes are accepted. The system's own reasons ("missed offers",
-- "unreachable") are always possible and are not listed here.
CREATE TABLE pause_reasons (
    tenant_id  BIGINT       NOT NULL,
    code       VARCHAR(64)  NOT NULL,
    label      VARCHAR(200) NOT NULL,
    position   INT          NOT NULL,
    PRIMARY KEY (tenant_id, code),
    CONSTRAINT fk_pause_reasons_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
