/**
 * The scenes of one project as checkboxes (ticked in the order they are
 * listed), each failing scene's problems under it (position, name, line and
 * column), and the field's own error. Publishing and updating a template's
 * scenes both choose scenes with it.
 */
import { FieldError } from '#app/components/TemplateMetadataFields.tsx'
import { formatSeconds } from '#app/utils/format.ts'

export interface ChoosableScene {
	id: string
	name: string
	duration: number
}

export interface FailingSceneView {
	sceneId: string
	position: number
	name: string
	problems: Array<{ line?: number; column?: number; message: string }>
}

export function SceneChoiceFields({
	projectTitle,
	scenes,
	hint,
	chosen,
	failures,
	errors,
}: {
	projectTitle: string
	scenes: ChoosableScene[]
	hint: string
	/** The scene ids the last submission ticked (none ticked on a fresh form). */
	chosen?: string[]
	failures?: FailingSceneView[]
	errors?: string[]
}) {
	return (
		<fieldset className="field">
			<legend>Scenes of “{projectTitle}”</legend>
			<p className="field-hint">{hint}</p>
			{scenes.map((scene, index) => {
				const failure = failures?.find((failing) => failing.sceneId === scene.id)
				return (
					<div key={scene.id}>
						<label>
							<input type="checkbox" name="sceneIds" value={scene.id} defaultChecked={chosen ? chosen.includes(scene.id) : false} /> {index + 1}. {scene.name}{' '}
							<span className="muted">({formatSeconds(scene.duration)})</span>
						</label>
						{failure ? (
							<ul className="field-error" data-testid="scene-error">
								{failure.problems.map((problem, problemIndex) => (
									<li key={problemIndex}>
										Scene {failure.position} “{failure.name}”{problem.line ? `, line ${problem.line}, column ${problem.column ?? 1}` : ''}: {problem.message}
									</li>
								))}
							</ul>
						) : null}
					</div>
				)
			})}
			<FieldError id="sceneIds-error" messages={errors} />
		</fieldset>
	)
}
