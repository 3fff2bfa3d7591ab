package org.parley.web.portal.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;

/**
 * The skills field: {@code support:7, sales:3} (commas or spaces between entries). Only the shape is checked here;
 * whether a name or level is allowed is the domain's rule, reported on the same field.
 */
@FacesConverter("parley.skillList")
public class SkillListConverter implements Converter<List<SkillLevel>> {

    private static final Pattern ENTRY = Pattern.compile("([^:\\s,]+)\\s*:\\s*([0-9]{1,3})");
    private static final Pattern SEPARATOR = Pattern.compile("[\\s,]*,[\\s,]*|\\s+");

    @Override
    public List<SkillLevel> getAsObject(FacesContext context, UIComponent component, String value) {
        List<SkillLevel> skills = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return skills;
        }
        for (String entry : SEPARATOR.split(normalise(value.strip()))) {
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                String text = "'" + entry + "' is not a skill: write name:level, e.g. support:7, sales:3";
                throw new ConverterException(new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
            }
            skills.add(new SkillLevel(m.group(1), Integer.parseInt(m.group(2))));
        }
        return skills;
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, List<SkillLevel> value) {
        if (value == null) {
            return "";
        }
        return value.stream().map(SkillLevel::toString).collect(Collectors.joining(", "));
    }

    /** {@code support : 7} is read as {@code support:7}, so the spaces around a colon do not split an entry. */
    private static String normalise(String value) {
        return value.replaceAll("\\s*:\\s*", ":");
    }
}
