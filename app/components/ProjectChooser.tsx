/**
 * Picks one of the creator's projects by reloading the page with `?projectId=`
 * (works without JavaScript); the page then lists that project's scenes.
 */
import { Form } from '@remix-run/react'

export function ProjectChooser({ projects, selectedId }: { projects: Array<{ id: string; title: string; sceneCount: number }>; selectedId?: string }) {
	return (
		<Form method="get" className="filters" aria-label="Choose a project">
			{/* Labelled by "Project" alone: the project titles in the options are no part of its name (nor of any other field's). */}
			<span>
				<label htmlFor="project-choice">Project</label>{' '}
				<select id="project-choice" name="projectId" defaultValue={selectedId ?? ''} required>
					<option value="" disabled>
						Choose a project
					</option>
					{projects.map((project) => (
						<option key={project.id} value={project.id}>
							{project.title} ({project.sceneCount} scene{project.sceneCount === 1 ? '' : 's'})
						</option>
					))}
				</select>
			</span>
			<button type="submit" className="btn btn-secondary">
				Choose
			</button>
		</Form>
	)
}
