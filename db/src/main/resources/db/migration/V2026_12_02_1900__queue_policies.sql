-- The queue and agent policies the routing engine has always supported, now set by the admin. Every default is the
-- engine's own, so a queue or agent that existed before this migration routes exactly as it did.
-- One column per ALTER: H2 in MySQL mode and MariaDB both accept that form.

-- Ringing and missed offers: ring 15 s; three missed offers in a row pause the agent.
ALTER TABLE queues ADD COLUMN ring_timeout_seconds INT NOT NULL DEFAULT 15;
ALTER TABLE queues ADD COLUMN missed_offers_before_pause INT NOT NULL DEFAULT 3;
-- Turning customers away: no maximum wait or size unless set; where they go then (QUEUE, VOICEMAIL, CALLBACK; a
-- QUEUE target names another queue of the same tenant).
ALTER TABLE queues ADD COLUMN max_wait_seconds INT;
ALTER TABLE queues ADD COLUMN max_size INT;
ALTER TABLE queues ADD COLUMN overflow_kind VARCHAR(16);
ALTER TABLE queues ADD COLUMN overflow_queue_id BIGINT;
ALTER TABLE queues ADD CONSTRAINT fk_queues_overflow_queue FOREIGN KEY (overflow_queue_id) REFERENCES queues (id);
-- Priority aging: a waiting customer's priority rises by aging_step every aging_every_seconds, up to aging_ceiling
-- (no ceiling when NULL). No aging when aging_every_seconds is NULL.
ALTER TABLE queues ADD COLUMN aging_every_seconds INT;
ALTER TABLE queues ADD COLUMN aging_step INT;
ALTER TABLE queues ADD COLUMN aging_ceiling INT;
-- Mixing voice and chat: by default a call is offered only to agents with no chat open, and no chat during a call.
ALTER TABLE queues ADD COLUMN chats_allowed_with_voice INT NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN chat_while_on_voice BOOLEAN NOT NULL DEFAULT FALSE;
-- Expected handle time until real ones are measured; callbacks: 3 attempts 5 minutes apart.
ALTER TABLE queues ADD COLUMN expected_handle_seconds INT NOT NULL DEFAULT 180;
ALTER TABLE queues ADD COLUMN callback_attempts INT NOT NULL DEFAULT 3;
ALTER TABLE queues ADD COLUMN callback_retry_seconds INT NOT NULL DEFAULT 300;

-- Skill relaxation: after a customer has waited after_seconds, no level above level_cap is insisted on.
CREATE TABLE queue_relaxation_steps (
    queue_id       BIGINT NOT NULL,
    after_seconds  INT    NOT NULL,
    level_cap      INT    NOT NULL,
    PRIMARY KEY (queue_id, after_seconds),
    CONSTRAINT fk_queue_relaxation_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE
);

-- Weekly opening times in the tenant's time zone (opens inclusive, closes exclusive). A queue without any is always
-- open, except on its holidays.
CREATE TABLE queue_open_hours (
    queue_id     BIGINT      NOT NULL,
    day_of_week  VARCHAR(9)  NOT NULL,
    opens_at     TIME        NOT NULL,
    closes_at    TIME        NOT NULL,
    PRIMARY KEY (queue_id, day_of_week, opens_at),
    CONSTRAINT fk_queue_open_hours_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE
);

-- Days (in the tenant's time zone) a queue is closed all day.
CREATE TABLE queue_holidays (
    queue_id  BIGINT NOT NULL,
    holiday   DATE   NOT NULL,
    PRIMARY KEY (queue_id, holiday),
    CONSTRAINT fk_queue_holidays_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE
);

-- How many interactions of each channel an agent may have open at once: voice 1, chat 3, callback 1.
ALTER TABLE agents ADD COLUMN voice_capacity INT NOT NULL DEFAULT 1;
ALTER TABLE agents ADD COLUMN chat_capacity INT NOT NULL DEFAULT 3;
ALTER TABLE agents ADD COLUMN callback_capacity INT NOT NULL DEFAULT 1;
