"""Prototype sentences for the embedding side of the technique detector: for each technique
of the SemEval-2020 Task 11 scheme, short examples written here (in this project's own
words, none taken from a corpus) of what a text using it says; and examples of neutral
reporting, which a sentence must resemble less than it resembles a technique.

Repetition has no prototype: repeating a word is a property of the article, not of what a
sentence means, and the cues and a trained model's features see it.
"""

from __future__ import annotations

from typing import Final

from ...findings import Technique

__all__ = ["NEUTRAL", "PROTOTYPES"]

PROTOTYPES: Final[dict[Technique, tuple[str, ...]]] = {
    "Loaded_Language": (
        "a disgusting and shameful betrayal of decent people",
        "the savage, brutal assault on innocent families",
        "a horrific nightmare unleashed on helpless victims",
        "an outrageous scandal that shocks the conscience",
        "this vile and sickening abuse of power",
        "a catastrophic, devastating blow to everything we love",
        "the hateful, poisonous agenda of the elites",
        "a monstrous crime against humanity",
    ),
    "Name_Calling,Labeling": (
        "these corrupt traitors",
        "the lying fake news media",
        "a bunch of clueless idiots",
        "radical left-wing extremists",
        "globalist puppets and their cronies",
        "that crooked con man",
        "a gang of thugs and criminals",
        "the deranged, hysterical mob",
        "warmongering neocons",
        "a pathetic, spineless coward",
    ),
    "Doubt": (
        "Can we really trust anything they tell us?",
        "Nobody has seen a single piece of proof for these claims.",
        "Their story simply does not add up.",
        "Why would anyone believe the official version of events?",
        "The investigation raises far more questions than it answers.",
        "Is he truly fit for the job, or is something being hidden from us?",
        "The timing of this announcement is suspicious, to say the least.",
        "It remains unclear whether any of the allegations were ever checked.",
    ),
    "Exaggeration,Minimisation": (
        "the greatest disaster this country has ever faced",
        "it was just a harmless joke, nothing more",
        "the most important decision in the history of the world",
        "only a tiny handful of people even noticed",
        "an unprecedented catastrophe of epic proportions",
        "a minor incident that the press blew wildly out of proportion",
        "absolutely everything about the plan is a total failure",
    ),
    "Appeal_to_fear-prejudice": (
        "If we do nothing, our children will grow up in a country ruled by criminals.",
        "They are coming for your jobs, your homes and your families.",
        "Open borders will let terrorists walk straight into our towns.",
        "This policy will destroy everything we hold dear.",
        "Your safety is at risk every single day this goes on.",
        "Unless we act now, millions of people will die.",
        "These people will bring crime and disease wherever they settle.",
    ),
    "Flag-Waving": (
        "As patriots, we must stand up for our nation.",
        "This is about defending the honour of our country.",
        "Real citizens who love this country will never accept it.",
        "We stand proudly for our flag and our values.",
        "for the sake of our homeland and our people",
        "Our great nation deserves leaders who truly love it.",
        "Every patriot owes it to the fatherland to fight.",
    ),
    "Causal_Oversimplification": (
        "Crime went up for one reason only: immigration.",
        "The economy collapsed because of one man's policies.",
        "All of our problems come from the elites in the capital.",
        "The violence is entirely the fault of the media.",
        "If it were not for the new law, none of this would have happened.",
        "The crisis happened because of greed, and nothing else.",
        "The riots broke out simply because the president spoke.",
    ),
    "Slogans": (
        "Build the wall!",
        "Lock her up!",
        "Drain the swamp!",
        "No justice, no peace!",
        "Freedom now!",
        "Never forget, never forgive!",
        "One people, one nation, one destiny!",
        "Stop the steal!",
    ),
    "Appeal_to_Authority": (
        "Leading scientists agree that this is the only explanation.",
        "As the Pope himself said, it is our moral duty.",
        "The experts have confirmed everything we warned about.",
        "A respected general says the war is already lost.",
        "A former intelligence chief insists the official story is false.",
        "The country's top doctor has said there is no other way.",
        "Even a Nobel prize winner has admitted that the critics were right.",
    ),
    "Black-and-White_Fallacy": (
        "You are either with us or against us.",
        "There are only two options: surrender or fight.",
        "Either we close the borders or we lose the country.",
        "Anyone who opposes this plan is siding with the terrorists.",
        "There is no middle ground on this issue.",
        "If you are not part of the solution, you are part of the problem.",
        "The choice is simple: freedom or tyranny.",
    ),
    "Thought-terminating_Cliches": (
        "It is what it is.",
        "End of story.",
        "Enough said.",
        "That's just the way things are.",
        "Facts are facts.",
        "Everything happens for a reason.",
        "Let's not overthink it.",
        "Rules are rules.",
    ),
    "Whataboutism,Straw_Men,Red_Herring": (
        "But what about the crimes of the other side?",
        "Where was the outrage when their own party did exactly the same?",
        "They want you to believe we should simply open the doors to everyone.",
        "So you are saying we should let criminals walk free?",
        "Critics love to talk about this, yet they never mention the real scandal.",
        "And nobody ever asks about his own record.",
        "Before lecturing others, they should look at their own history.",
    ),
    "Bandwagon,Reductio_ad_hitlerum": (
        "Everyone knows this is true.",
        "Millions of people are already joining the movement.",
        "All reasonable people have seen through the lie.",
        "This is exactly what Hitler did.",
        "These tactics belong in Nazi Germany.",
        "His plans come straight out of the Soviet playbook.",
        "Nobody believes the official story anymore.",
    ),
}

#: Ordinary reporting: a sentence nearer to these than to any technique's prototypes is
#: not given a technique by its meaning.
NEUTRAL: Final[tuple[str, ...]] = (
    "The minister said the meeting would take place on Tuesday.",
    "The company reported a rise in quarterly profits.",
    "Police said two people were injured in the crash.",
    "The figures were published by the statistics office on Monday.",
    "Officials confirmed that the agreement was signed in Geneva.",
    "The court will hear the case next month.",
    "Temperatures are expected to drop over the weekend.",
    "He was born in 1962 and studied law at the university.",
    "The bill passed by 52 votes to 48.",
    "The spokesperson declined to comment on the report.",
    "The talks are scheduled to resume after the holiday.",
    "According to the filing, the firm employs about 3,000 people.",
    "The senator has served on the committee since 2015.",
    "Prosecutors charged the man with fraud on Friday.",
    "The study was based on a survey of 2,000 adults.",
)
