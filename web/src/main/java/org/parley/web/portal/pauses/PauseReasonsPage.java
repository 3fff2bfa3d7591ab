package org.parley.web.portal.pauses;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.access.NotPermittedException;
import org.parley.acd.PauseReasons;
import org.parley.acd.PauseReasons.Choice;
import org.parley.rule.RuleViolationException;
import org.parley.web.portal.FormMessages;
import org.parley.web.portal.SignedInUser;

/**
 * The tenant's pause reasons. Admins edit them as text, one per line, {@code code: label} (the label is optional);
 * the order of the lines is the order desktops show. Saving replaces the whole list; an empty list accepts any code.
 */
@Named
@ViewScoped
public class PauseReasonsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "reasons";

    @EJB
    private PauseReasons reasons;

    @Inject
    private SignedInUser user;

    private transient List<Choice> current;
    private String text;

    public List<Choice> getReasons() {
        if (current == null) {
            current = reasons.list(user.caller());
        }
        return current;
    }

    public String getText() {
        if (text == null) {
            text = getReasons().stream()
                    .map(c -> c.label().equals(c.code()) ? c.code() : c.code() + ": " + c.label())
                    .collect(Collectors.joining("\n"));
        }
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String save() {
        try {
            List<Choice> saved = reasons.replace(user.caller(), parse(text));
            FormMessages.done(saved.isEmpty() ? "Pause reasons cleared: any code is accepted."
                    : "Pause reasons saved: " + saved.size() + ".");
            return "/portal/pause-reasons?faces-redirect=true";
        } catch (RuleViolationException | NotPermittedException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    /** One reason per non-blank line: {@code code} or {@code code: label}. */
    static List<Choice> parse(String text) {
        List<Choice> choices = new ArrayList<>();
        if (text == null) {
            return choices;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            choices.add(colon < 0 ? new Choice(line.strip(), null)
                    : new Choice(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        return choices;
    }
}
