package org.parley.web.portal.queues;

import java.time.Duration;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.access.NotPermittedException;
import org.parley.acd.Queue;
import org.parley.acd.QueueId;
import org.parley.acd.QueueService;
import org.parley.acd.QueueSettings;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.ServiceLevel;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;
import org.parley.web.portal.EditForm;
import org.parley.web.portal.FormMessages;
import org.parley.web.portal.SignedInUser;

/** Creates a queue, or edits one ({@code edit.xhtml?id=…}) at the version read when the page opened. */
@Named
@ViewScoped
public class QueueForm extends EditForm<Queue> {

    private static final long serialVersionUID = 1L;
    static final String FORM = "queue";
    private static final String LIST = "/portal/queues/index?faces-redirect=true";

    @EJB
    private QueueService queues;

    @Inject
    private SignedInUser user;

    private String name;
    private RoutingStrategy strategy = RoutingStrategy.LONGEST_IDLE;
    /** The industry's habitual goal, 80 % answered within 20 s, as the starting point for a new queue. */
    private Integer slaPercent = 80;
    private Integer slaSeconds = 20;
    private Integer wrapUpSeconds = 30;
    /** The routing policies, as text the admin edits; the engine's defaults for a new queue. */
    private final PolicyFields policy = new PolicyFields();
    private transient List<Queue> overflowChoices;

    @Override
    protected Queue find(long id) {
        return queues.find(user.caller(), new QueueId(id));
    }

    @Override
    protected void show(Queue queue) {
        id = queue.id().value();
        version = queue.version();
        name = queue.name();
        strategy = queue.strategy();
        slaPercent = queue.serviceLevel().percent();
        slaSeconds = (int) queue.serviceLevel().threshold().toSeconds();
        wrapUpSeconds = (int) queue.wrapUp().toSeconds();
        enabled = queue.isEnabled();
        policy.show(queue.settings());
    }

    public String save() {
        try {
            ServiceLevel serviceLevel = new ServiceLevel(slaPercent, Duration.ofSeconds(slaSeconds));
            Duration wrapUp = Duration.ofSeconds(wrapUpSeconds);
            QueueSettings settings = policy.toSettings();
            Queue saved = id == null
                    ? queues.create(user.caller(), name, strategy, serviceLevel, wrapUp, settings)
                    : queues.update(user.caller(), new QueueId(id), version, name, strategy, serviceLevel, wrapUp,
                            settings, enabled);
            FormMessages.done("Queue " + saved.name() + " saved.");
            return LIST;
        } catch (RuleViolationException | DuplicateEntityException | StaleVersionException
                | NotPermittedException | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    public String disable() {
        try {
            Queue disabled = queues.disable(user.caller(), new QueueId(id));
            FormMessages.done("Queue " + disabled.name() + " disabled.");
            return LIST;
        } catch (NotPermittedException | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    public List<RoutingStrategy> getStrategies() {
        return List.of(RoutingStrategy.values());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public RoutingStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(RoutingStrategy strategy) {
        this.strategy = strategy;
    }

    public Integer getSlaPercent() {
        return slaPercent;
    }

    public void setSlaPercent(Integer slaPercent) {
        this.slaPercent = slaPercent;
    }

    public Integer getSlaSeconds() {
        return slaSeconds;
    }

    public void setSlaSeconds(Integer slaSeconds) {
        this.slaSeconds = slaSeconds;
    }

    public Integer getWrapUpSeconds() {
        return wrapUpSeconds;
    }

    public void setWrapUpSeconds(Integer wrapUpSeconds) {
        this.wrapUpSeconds = wrapUpSeconds;
    }

    /** The routing policy fields ({@code queueForm.policy.maxWaitSeconds} ...). */
    public PolicyFields getPolicy() {
        return policy;
    }

    /** The queues this one may overflow to: the tenant's others, by name. */
    public List<Queue> getOverflowQueues() {
        if (overflowChoices == null) {
            overflowChoices = queues.list(user.caller()).stream()
                    .filter(q -> id == null || q.id().value() != id)
                    .sorted(java.util.Comparator.comparing(Queue::name)).toList();
        }
        return overflowChoices;
    }
}
