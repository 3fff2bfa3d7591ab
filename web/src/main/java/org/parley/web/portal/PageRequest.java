package org.parley.web.portal;

import java.io.IOException;
import java.util.Optional;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

/** What an edit page's GET asks for: the {@code id} of the thing to show, or nothing for a new one. */
public final class PageRequest {

    private PageRequest() {
    }

    /** The {@code id} query parameter; one that is not a number names nothing, so it is answered 404. */
    public static Optional<Long> id() throws IOException {
        String value = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            notFound();
            return Optional.empty();
        }
    }

    /** Ends the request with 404: another tenant's id looks exactly like a missing one. */
    public static void notFound() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseSendError(404, "not found");
        faces.responseComplete();
    }
}
