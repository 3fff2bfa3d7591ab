-- Which agents serve which queue: a queue's strategy chooses among its members only.
CREATE TABLE queue_members (
    queue_id  BIGINT NOT NULL,
    agent_id  BIGINT NOT NULL,
    PRIMARY KEY (queue_id, agent_id),
    CONSTRAINT fk_queue_members_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_members_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
);
CREATE INDEX ix_queue_members_agent ON queue_members (agent_id);
