package org.parley.web.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;

import org.parley.access.NotPermittedException;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;

/**
 * Shows the domain's answer on the form that asked. Every input on a portal form has the id of the domain field it
 * edits ({@code extension}, {@code slaPercent} …), so a rule violation or a duplicate lands next to its field; what
 * belongs to no field goes to the page's message list. Messages are rendered escaped, like all portal output.
 */
public final class FormMessages {

    private FormMessages() {
    }

    /** The outcome of a refused change: the message where the user will look for it. */
    public static void refused(String formId, RuntimeException refusal) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.validationFailed();
        if (refusal instanceof RuleViolationException violation) {
            onField(faces, formId, violation.field(), refusal.getMessage());
        } else if (refusal instanceof DuplicateEntityException duplicate) {
            onField(faces, formId, duplicate.field(), refusal.getMessage());
        } else if (refusal instanceof StaleVersionException) {
            global(faces, FacesMessage.SEVERITY_ERROR, "Someone else changed this since you opened it. Reload the "
                    + "page to see their change, then make yours again; nothing was saved.");
        } else if (refusal instanceof NotPermittedException) {
            global(faces, FacesMessage.SEVERITY_ERROR, "Your role may not make this change.");
        } else if (refusal instanceof UnknownEntityException) {
            global(faces, FacesMessage.SEVERITY_ERROR, "This no longer exists: " + refusal.getMessage());
        } else {
            throw refusal;
        }
    }

    /** A message for the next page, which the action redirects to (post-redirect-get). */
    public static void done(String summary) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().getFlash().setKeepMessages(true);
        global(faces, FacesMessage.SEVERITY_INFO, summary);
    }

    /** A message on the page being rendered (the action stays on it). */
    public static void said(String summary) {
        global(FacesContext.getCurrentInstance(), FacesMessage.SEVERITY_INFO, summary);
    }

    private static void onField(FacesContext faces, String formId, String field, String text) {
        UIComponent input = field == null ? null : faces.getViewRoot().findComponent(":" + formId + ":" + field);
        if (input == null) {
            global(faces, FacesMessage.SEVERITY_ERROR, text);
            return;
        }
        faces.addMessage(input.getClientId(faces), new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    private static void global(FacesContext faces, FacesMessage.Severity severity, String text) {
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }
}
