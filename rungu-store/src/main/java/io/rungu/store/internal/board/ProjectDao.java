package io.rungu.store.internal.board;

import io.rungu.model.BoardVisibility;
import io.rungu.model.Moderation;
import io.rungu.model.Project;
import io.rungu.store.internal.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code projects} table as a declarative Jdbi SqlObject: plain statements off the hot paths, each the same on
 * SQLite and PostgreSQL. Obtained per transaction with {@code handle.attach(ProjectDao.class)}.
 */
@RegisterRowMapper(ProjectDao.ProjectMapper.class)
interface ProjectDao {
    String COLUMNS = "pr.id, pr.slug, pr.name, pr.description, pr.created_at, pr.visibility, pr.moderation, "
            + "(SELECT coalesce(sum(c.posts), 0) FROM project_post_counts c WHERE c.project_id = pr.id) AS post_count";

    @SqlQuery("SELECT " + COLUMNS + " FROM projects pr ORDER BY pr.created_at DESC, pr.id DESC LIMIT :limit OFFSET :offset")
    List<Project> page(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM projects")
    long count();

    @SqlQuery("SELECT " + COLUMNS + " FROM projects pr WHERE pr.slug = :slug")
    Optional<Project> bySlug(@Bind("slug") String slug);

    @SqlUpdate("INSERT INTO projects (id, slug, name, description, created_at) VALUES (:id, :slug, :name, :description, :now)")
    void insert(@Bind("id") String id, @Bind("slug") String slug, @Bind("name") String name,
                @Bind("description") String description, @Bind("now") Instant now);

    /** Sets the non-null fields; returns the rows changed (0: no such board). */
    @SqlUpdate("UPDATE projects SET name = coalesce(:name, name), description = coalesce(:description, description), "
            + "visibility = coalesce(:visibility, visibility), moderation = coalesce(:moderation, moderation) "
            + "WHERE slug = :slug")
    int update(@Bind("slug") String slug, @Bind("name") String name, @Bind("description") String description,
               @Bind("visibility") String visibility, @Bind("moderation") String moderation);

    /** Returns the rows deleted (0: no such board). */
    @SqlUpdate("DELETE FROM projects WHERE slug = :slug")
    int delete(@Bind("slug") String slug);

    /** One row of {@link #COLUMNS}. */
    final class ProjectMapper implements RowMapper<Project> {
        @Override
        public Project map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Project(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                    rs.getString("description"), Timestamps.read(rs, "created_at"), rs.getLong("post_count"),
                    BoardVisibility.parse(rs.getString("visibility")), Moderation.parse(rs.getString("moderation")));
        }
    }
}
