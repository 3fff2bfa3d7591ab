/** Portal pages for the people who log in: the list, and the form for a user's name, role, password and access. */
package org.parley.web.portal.users;
