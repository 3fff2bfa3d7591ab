package org.parley.web.portal.queues;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.parley.acd.QueueId;
import org.parley.acd.QueueSettings;
import org.parley.rule.RuleViolationException;
import org.parley.web.api.QueuePolicyDto;

/**
 * The queue form's routing policy inputs as plain text, and their translation to {@link QueueSettings}. The lists
 * have a compact notation: relaxation {@code 30:3, 60:1} (after seconds : highest level insisted on), open hours one
 * span per line {@code MONDAY,TUESDAY 09:00-17:00}, holidays {@code 2026-12-25, 2026-12-26}. An empty limit means no
 * limit. The overflow queue menu counts only when the target is QUEUE. Bad text is a rule violation naming the
 * field, which the form shows next to it.
 */
public class PolicyFields implements Serializable {

    private static final long serialVersionUID = 1L;

    private Integer ringTimeoutSeconds;
    private Integer missedOffersBeforePause;
    private Integer maxWaitSeconds;
    private Integer maxSize;
    private String overflowKind = "";
    private Long overflowQueueId;
    private String relaxation = "";
    private Integer agingEverySeconds;
    private Integer agingStep;
    private Integer agingCeiling;
    private Integer chatsAllowedWithVoice;
    private boolean chatWhileOnVoice;
    private Integer expectedHandleSeconds;
    private Integer callbackAttempts;
    private Integer callbackRetrySeconds;
    private String openHours = "";
    private String holidays = "";

    public PolicyFields() {
        show(QueueSettings.defaults());
    }

    /** Fills the inputs from saved settings. */
    public void show(QueueSettings s) {
        QueuePolicyDto d = QueuePolicyDto.of(s);
        ringTimeoutSeconds = d.ringTimeoutSeconds();
        missedOffersBeforePause = d.missedOffersBeforePause();
        maxWaitSeconds = d.maxWaitSeconds();
        maxSize = d.maxSize();
        overflowKind = d.overflowKind() == null ? "" : d.overflowKind();
        overflowQueueId = s.overflowQueueId().map(QueueId::value).orElse(null);
        relaxation = d.relaxation().stream().map(r -> r.afterSeconds() + ":" + r.levelCap())
                .collect(Collectors.joining(", "));
        agingEverySeconds = d.agingEverySeconds();
        agingStep = d.agingStep();
        agingCeiling = d.agingCeiling();
        chatsAllowedWithVoice = d.chatsAllowedWithVoice();
        chatWhileOnVoice = d.chatWhileOnVoice();
        expectedHandleSeconds = d.expectedHandleSeconds();
        callbackAttempts = d.callbackAttempts();
        callbackRetrySeconds = d.callbackRetrySeconds();
        openHours = d.openHours().stream().map(o -> o.day() + " " + o.opens() + "-" + o.closes())
                .collect(Collectors.joining("\n"));
        holidays = s.holidays().stream().map(LocalDate::toString).collect(Collectors.joining(", "));
    }

    /** The settings the inputs describe. */
    public QueueSettings toSettings() {
        List<QueuePolicyDto.Relaxation> steps = new ArrayList<>();
        for (String step : items(relaxation, "[,\\s]+")) {
            String[] parts = step.split(":");
            if (parts.length != 2) {
                throw new RuleViolationException("relaxation", "write each step as seconds:level, e.g. 30:3");
            }
            steps.add(new QueuePolicyDto.Relaxation(number(parts[0]), number(parts[1])));
        }
        List<QueuePolicyDto.Opening> spans = new ArrayList<>();
        for (String line : items(openHours, "\\R")) {
            String[] parts = line.split("\\s+");
            String[] times = parts.length == 2 ? parts[1].split("-") : new String[0];
            if (times.length != 2) {
                throw new RuleViolationException("openHours", "write each line as DAY[,DAY...] HH:mm-HH:mm, e.g."
                        + " MONDAY,FRIDAY 09:00-17:00");
            }
            for (String day : parts[0].split(",")) {
                spans.add(new QueuePolicyDto.Opening(day, times[0], times[1]));
            }
        }
        return new QueuePolicyDto(ringTimeoutSeconds, missedOffersBeforePause, maxWaitSeconds, maxSize,
                overflowKind == null || overflowKind.isBlank() ? null : overflowKind,
                "QUEUE".equals(overflowKind) ? overflowQueueId : null, steps,
                agingEverySeconds, agingEverySeconds == null ? null : agingStep,
                agingEverySeconds == null ? null : agingCeiling, chatsAllowedWithVoice, chatWhileOnVoice,
                expectedHandleSeconds, callbackAttempts, callbackRetrySeconds, spans, items(holidays, "[,\\s]+"))
                .toSettings();
    }

    private static List<String> items(String text, String separator) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split(separator)).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static Integer number(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new RuleViolationException("relaxation", "'" + text + "' is not a whole number");
        }
    }

    public List<String> getOverflowKinds() {
        return List.of("QUEUE", "VOICEMAIL", "CALLBACK");
    }

    public Integer getRingTimeoutSeconds() {
        return ringTimeoutSeconds;
    }

    public void setRingTimeoutSeconds(Integer v) {
        ringTimeoutSeconds = v;
    }

    public Integer getMissedOffersBeforePause() {
        return missedOffersBeforePause;
    }

    public void setMissedOffersBeforePause(Integer v) {
        missedOffersBeforePause = v;
    }

    public Integer getMaxWaitSeconds() {
        return maxWaitSeconds;
    }

    public void setMaxWaitSeconds(Integer v) {
        maxWaitSeconds = v;
    }

    public Integer getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(Integer v) {
        maxSize = v;
    }

    public String getOverflowKind() {
        return overflowKind;
    }

    public void setOverflowKind(String v) {
        overflowKind = v;
    }

    public Long getOverflowQueueId() {
        return overflowQueueId;
    }

    public void setOverflowQueueId(Long v) {
        overflowQueueId = v;
    }

    public String getRelaxation() {
        return relaxation;
    }

    public void setRelaxation(String v) {
        relaxation = v;
    }

    public Integer getAgingEverySeconds() {
        return agingEverySeconds;
    }

    public void setAgingEverySeconds(Integer v) {
        agingEverySeconds = v;
    }

    public Integer getAgingStep() {
        return agingStep;
    }

    public void setAgingStep(Integer v) {
        agingStep = v;
    }

    public Integer getAgingCeiling() {
        return agingCeiling;
    }

    public void setAgingCeiling(Integer v) {
        agingCeiling = v;
    }

    public Integer getChatsAllowedWithVoice() {
        return chatsAllowedWithVoice;
    }

    public void setChatsAllowedWithVoice(Integer v) {
        chatsAllowedWithVoice = v;
    }

    public boolean isChatWhileOnVoice() {
        return chatWhileOnVoice;
    }

    public void setChatWhileOnVoice(boolean v) {
        chatWhileOnVoice = v;
    }

    public Integer getExpectedHandleSeconds() {
        return expectedHandleSeconds;
    }

    public void setExpectedHandleSeconds(Integer v) {
        expectedHandleSeconds = v;
    }

    public Integer getCallbackAttempts() {
        return callbackAttempts;
    }

    public void setCallbackAttempts(Integer v) {
        callbackAttempts = v;
    }

    public Integer getCallbackRetrySeconds() {
        return callbackRetrySeconds;
    }

    public void setCallbackRetrySeconds(Integer v) {
        callbackRetrySeconds = v;
    }

    public String getOpenHours() {
        return openHours;
    }

    public void setOpenHours(String v) {
        openHours = v;
    }

    public String getHolidays() {
        return holidays;
    }

    public void setHolidays(String v) {
        holidays = v;
    }
}
